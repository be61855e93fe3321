from django.urls import path

from scriptorium.works.views import cocreating, reading

app_name = "series"
urlpatterns = [
    path("<int:series_id>", reading.series_detail, name="detail"),
    path("<int:series_id>/creators", cocreating.series_creators, name="creators"),
]
