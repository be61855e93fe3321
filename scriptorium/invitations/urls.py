from django.urls import path

from scriptorium.invitations.views import codes, queue

app_name = "invitations"
urlpatterns = [
    path("invite_requests", queue.request_new, name="request"),
    path("invite_requests/status", queue.request_status, name="status"),
    path("invitations/<str:code>", codes.invitation_detail, name="detail"),
    path("account/invitations", codes.account_invitations, name="mine"),
]
