from scriptorium.invitations.models.invitation import Invitation
from scriptorium.invitations.models.request import InvitationRequest, QueueRelease

__all__ = ["Invitation", "InvitationRequest", "QueueRelease"]
