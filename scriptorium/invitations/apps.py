from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "scriptorium.invitations"
    label = "invitations"
    verbose_name = "Invitations"
