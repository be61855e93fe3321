from django.urls import path

from scriptorium.kosync.views import account

app_name = "kosync_account"
urlpatterns = [
    path("account/kosync", account.sync_key, name="key"),  # a POST makes, removes, confirms or refuses a key
]
