from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "scriptorium.tags"
    label = "tags"
    verbose_name = "Tags"

    def ready(self) -> None:
        from scriptorium.tags import signals  # noqa: F401 - connects the receivers
