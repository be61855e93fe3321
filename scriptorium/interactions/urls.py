from django.urls import path

from scriptorium.interactions import views, views_bookmarks, views_reading, views_relations

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
    # Bookmarks
    path("works/<int:work_id>/bookmark", views_bookmarks.bookmark_work, name="bookmark_work"),
    path("works/<int:work_id>/bookmarks", views_bookmarks.work_bookmarks, name="work_bookmarks"),
    path("series/<int:series_id>/bookmark", views_bookmarks.bookmark_series, name="bookmark_series"),
    path("bookmarks/external/new", views_bookmarks.bookmark_external, name="bookmark_external"),
    path("bookmarks/<int:bookmark_id>/edit", views_bookmarks.bookmark_edit, name="bookmark_edit"),
    path("bookmarks/<int:bookmark_id>/delete", views_bookmarks.bookmark_delete, name="bookmark_delete"),
    path("users/<str:username>/bookmarks", views_bookmarks.user_bookmarks, name="user_bookmarks"),
    # History, Marked for Later, reading position
    path("account/history", views_reading.history_page, name="history"),
    path("account/history/settings", views_reading.history_settings, name="history_settings"),
    path("account/history/clear", views_reading.history_clear, name="history_clear"),
    path("account/history/<int:work_id>/delete", views_reading.history_delete, name="history_delete"),
    path("account/marked-for-later", views_reading.later_page, name="later"),
    path("works/<int:work_id>/mark-for-later", views_reading.later_mark, name="later_mark"),
    path("works/<int:work_id>/mark-for-later/remove", views_reading.later_unmark, name="later_unmark"),
    path("works/<int:work_id>/reading-position", views_reading.reading_position, name="reading_position"),
    # Blocking and muting
    path("account/blocked", views_relations.blocked, name="blocked"),
    path("account/blocked/<int:user_id>/remove", views_relations.unblock, name="unblock"),
    path("account/muted", views_relations.muted, name="muted"),
    path("account/muted/<int:user_id>/remove", views_relations.unmute, name="unmute"),
]
