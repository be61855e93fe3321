from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "scriptorium.claims"
    label = "claims"
    verbose_name = "Claims of archived works by their authors (Open Doors style)"
