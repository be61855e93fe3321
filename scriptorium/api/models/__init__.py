from scriptorium.api.models.token import ApiToken, TokenScope

__all__ = ["ApiToken", "TokenScope"]
