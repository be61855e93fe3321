from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "scriptorium.tags"
    label = "tags"
    verbose_name = "Tags"
