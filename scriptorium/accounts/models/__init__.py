from scriptorium.accounts.models.former_username import FormerUsername
from scriptorium.accounts.models.pseud import Pseud
from scriptorium.accounts.models.user import User

__all__ = ["FormerUsername", "Pseud", "User"]
