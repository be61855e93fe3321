from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "scriptorium.policies"
    label = "policies"
    verbose_name = "Policies"
