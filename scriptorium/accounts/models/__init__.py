from scriptorium.accounts.models.pseud import Pseud
from scriptorium.accounts.models.user import User

__all__ = ["Pseud", "User"]
