from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "scriptorium.notifications"
    label = "notifications"
    verbose_name = "Subscriptions and notifications"

    def ready(self) -> None:
        from scriptorium.notifications import receivers  # noqa: F401 - connects the receivers
