from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "scriptorium.interactions"
    label = "interactions"
    verbose_name = "Kudos, comments and hits"

    def ready(self) -> None:
        from scriptorium.core.consent import invite_refusal_register
        from scriptorium.interactions import signals  # noqa: F401 - connects the receivers
        from scriptorium.interactions.selectors.relations import invite_blocked

        invite_refusal_register(invite_blocked)  # someone who blocked you cannot be invited as your co-creator
