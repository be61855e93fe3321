from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from scriptorium.api.views import docs, reading

app_name = "api"
urlpatterns = [
    path("v1/", docs.index, name="index"),
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("v1/docs", docs.docs, name="docs"),
    path("v1/works/", reading.WorkList.as_view(), name="works"),
    path("v1/works/<int:work_id>/", reading.WorkDetail.as_view(), name="work"),
    path("v1/works/<int:work_id>/chapters/", reading.ChapterList.as_view(), name="chapters"),
    path("v1/works/<int:work_id>/chapters/<int:chapter_id>/", reading.ChapterDetail.as_view(), name="chapter"),
    path("v1/tags/<tag:name>/", reading.TagDetail.as_view(), name="tag"),
    path("v1/series/<int:series_id>/", reading.SeriesDetail.as_view(), name="series"),
]
