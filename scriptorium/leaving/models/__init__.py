from scriptorium.leaving.models.deletion import AccountDeletion

__all__ = ["AccountDeletion"]
