from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "scriptorium.moderation"
    label = "moderation"
    verbose_name = "Reports and moderation"
