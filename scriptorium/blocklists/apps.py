from django.apps import AppConfig


class BlocklistsConfig(AppConfig):
    name = "scriptorium.blocklists"
    label = "blocklists"
    verbose_name = "Blocklists"
