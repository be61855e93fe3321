from scriptorium.transfer.models.download import Download

__all__ = ["Download"]
