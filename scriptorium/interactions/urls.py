from django.urls import path

from scriptorium.interactions.views import bookmarks, comments, kudos, reading, relations, shelf

app_name = "interactions"
urlpatterns = [
    path("works/<int:work_id>/kudos", kudos.kudos_work, name="kudos"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/kudos", kudos.kudos_chapter, name="chapter_kudos"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/comments", comments.comment_new, name="comment_new"),
    path("works/<int:work_id>/comment-settings", comments.comment_settings, name="comment_settings"),
    path("comments/<int:comment_id>", comments.comment_detail, name="comment"),
    path("comments/<int:comment_id>/edit", comments.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete", comments.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/approve", comments.comment_approve, name="comment_approve"),
    path("comments/<int:comment_id>/freeze", comments.thread_freeze, name="thread_freeze"),
    # Bookmarks
    path("works/<int:work_id>/bookmark", bookmarks.bookmark_work, name="bookmark_work"),
    path("works/<int:work_id>/bookmarks", bookmarks.work_bookmarks, name="work_bookmarks"),
    path("series/<int:series_id>/bookmark", bookmarks.bookmark_series, name="bookmark_series"),
    path("bookmarks/external/new", bookmarks.bookmark_external, name="bookmark_external"),
    path("bookmarks/<int:bookmark_id>/edit", bookmarks.bookmark_edit, name="bookmark_edit"),
    path("bookmarks/<int:bookmark_id>/delete", bookmarks.bookmark_delete, name="bookmark_delete"),
    path("users/<str:username>/bookmarks", bookmarks.user_bookmarks, name="user_bookmarks"),
    # History, Marked for Later, reading position
    path("account/history", reading.history_page, name="history"),
    path("account/history/settings", reading.history_settings, name="history_settings"),
    path("account/history/clear", reading.history_clear, name="history_clear"),
    path("account/history/<int:work_id>/delete", reading.history_delete, name="history_delete"),
    path("account/history/entries/<int:reading_id>/delete", reading.history_entry_delete, name="history_entry_delete"),
    path("account/marked-for-later", reading.later_page, name="later"),
    path(
        "account/marked-for-later/entries/<int:reading_id>/remove",
        reading.later_entry_remove,
        name="later_entry_remove",
    ),
    path("works/<int:work_id>/mark-for-later", reading.later_mark, name="later_mark"),
    path("works/<int:work_id>/mark-for-later/remove", reading.later_unmark, name="later_unmark"),
    path("works/<int:work_id>/reading-position", reading.reading_position, name="reading_position"),
    path("works/<int:work_id>/shelf", shelf.shelf_set, name="shelf_set"),
    # Blocking and muting
    path("account/blocked", relations.blocked, name="blocked"),
    path("account/blocked/<int:user_id>/remove", relations.unblock, name="unblock"),
    path("account/muted", relations.muted, name="muted"),
    path("account/muted/<int:user_id>/remove", relations.unmute, name="unmute"),
]
