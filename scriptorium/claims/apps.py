from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "scriptorium.claims"
    label = "claims"
    verbose_name = "Claims of archived works by their authors (Open Doors style)"

    def ready(self) -> None:
        from scriptorium.claims import selectors
        from scriptorium.invitations import signup

        # A claim link counts as an invitation while its claim waits for an answer (invite and queue modes).
        signup.signup_pass_register(selectors.SIGNUP_PASS_KIND, selectors.claim_pending_exists)
