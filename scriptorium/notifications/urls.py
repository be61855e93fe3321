from django.urls import path

from scriptorium.notifications import views

app_name = "notifications"
urlpatterns = [
    path("account/notifications", views.inbox, name="inbox"),
    path("account/notifications/read", views.mark_all_read, name="read_all"),
    path("account/notifications/<int:notification_id>/read", views.mark_read, name="read"),
    path("account/subscriptions", views.subscriptions, name="subscriptions"),
    path("account/subscriptions/digest", views.digest_settings, name="digest"),
    path("subscriptions/<str:kind>/<int:target_id>", views.subscription_change, name="change"),
]
