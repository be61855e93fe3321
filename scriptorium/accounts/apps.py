from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "scriptorium.accounts"
    label = "accounts"
    verbose_name = "Accounts"
