from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "scriptorium.discovery"
    label = "discovery"
    verbose_name = "Discovery (fandoms by media, people, bookmark and tag search)"
