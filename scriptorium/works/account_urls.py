from django.urls import path

from scriptorium.works.views import cocreating

app_name = "cocreators"
urlpatterns = [
    path("account/co-creator-invitations", cocreating.invitations, name="invitations"),
]
