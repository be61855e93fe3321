from django.urls import path

from scriptorium.interactions import views

app_name = "interactions"
urlpatterns = [
    path("works/<int:work_id>/kudos", views.kudos_work, name="kudos"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/kudos", views.kudos_chapter, name="chapter_kudos"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/comments", views.comment_new, name="comment_new"),
    path("works/<int:work_id>/comment-settings", views.comment_settings, name="comment_settings"),
    path("comments/<int:comment_id>", views.comment_detail, name="comment"),
    path("comments/<int:comment_id>/edit", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete", views.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/approve", views.comment_approve, name="comment_approve"),
    path("comments/<int:comment_id>/freeze", views.thread_freeze, name="thread_freeze"),
]
