from django.apps import AppConfig


class SuggestConfig(AppConfig):
    name = "scriptorium.suggest"
    label = "suggest"
    verbose_name = "Tag suggestions"
