from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "scriptorium.feeds"
    label = "feeds"
    verbose_name = "Feeds"
