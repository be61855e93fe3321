from django.urls import path

from scriptorium.claims import views

app_name = "claims"

urlpatterns = [
    path("claims/answer", views.answer, name="answer"),  # before the token's pattern: "answer" is no token
    path("claims/<str:token>", views.claim, name="claim"),
    path("account/archived-creators", views.archived_creators, name="archived_creators"),
]
