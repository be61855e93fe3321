from django.urls import path

from scriptorium.api.views import tokens

app_name = "api_tokens"
urlpatterns = [
    path("account/api-tokens", tokens.tokens, name="list"),  # a POST makes a token, or revokes one (``revoke``)
]
