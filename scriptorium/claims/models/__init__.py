from scriptorium.claims.models.invitation import ClaimInvitation, ClaimState

__all__ = ["ClaimInvitation", "ClaimState"]
