from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "scriptorium.moderation"
    label = "moderation"
    verbose_name = "Reports and moderation"

    def ready(self) -> None:
        from scriptorium.moderation import receivers  # noqa: F401 - connects the receivers
