from scriptorium.policies.models.acceptance import PolicyAcceptance
from scriptorium.policies.models.version import PolicyKind, PolicyVersion, TextFormat

__all__ = ["PolicyAcceptance", "PolicyKind", "PolicyVersion", "TextFormat"]
