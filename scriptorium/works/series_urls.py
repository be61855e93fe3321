from django.urls import path

from scriptorium.works.views import reading

app_name = "series"
urlpatterns = [
    path("<int:series_id>", reading.series_detail, name="detail"),
]
