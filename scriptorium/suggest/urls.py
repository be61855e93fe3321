from django.urls import path

from scriptorium.suggest import views

app_name = "suggest"
urlpatterns = [
    path("<int:work_id>/suggestions", views.decide, name="decide"),
]
