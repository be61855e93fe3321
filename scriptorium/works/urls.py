from django.urls import path

from scriptorium.works.views import cocreating, posting, reading

app_name = "works"
urlpatterns = [
    path("", reading.work_index, name="index"),
    path("new", posting.work_new, name="new"),
    path("drafts", posting.drafts, name="drafts"),
    path("<int:work_id>", reading.work_detail, name="detail"),
    path("<int:work_id>/chapters/<int:chapter_id>", reading.chapter_detail, name="chapter"),
    path("<int:work_id>/navigate", reading.chapter_index, name="navigate"),
    path("<int:work_id>/edit", posting.work_edit, name="edit"),
    path("<int:work_id>/post", posting.work_post, name="post"),
    path("<int:work_id>/delete", posting.work_delete, name="delete"),
    path("<int:work_id>/creators", cocreating.work_creators, name="creators"),
    path("<int:work_id>/chapters/new", posting.chapter_new, name="chapter_new"),
    path("<int:work_id>/chapters/manage", posting.chapters_manage, name="chapters_manage"),
    path("<int:work_id>/chapters/<int:chapter_id>/edit", posting.chapter_edit, name="chapter_edit"),
    path("<int:work_id>/chapters/<int:chapter_id>/delete", posting.chapter_delete, name="chapter_delete"),
]
