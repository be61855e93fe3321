from django.urls import path

from scriptorium.moderation import views

app_name = "moderation"
urlpatterns = [
    path("report/<str:kind>/<int:target_id>", views.report_new, name="report"),
    path("my-reports", views.my_reports, name="my_reports"),
    path("decisions/<int:action_id>", views.decision, name="decision"),
    path("", views.queue, name="queue"),
    path("cases/<int:case_id>", views.case_detail, name="case"),
    path("cases/<int:case_id>/assign", views.case_assign, name="case_assign"),
    path("cases/<int:case_id>/note", views.case_note, name="case_note"),
    path("cases/<int:case_id>/close", views.case_close, name="case_close"),
    path("cases/<int:case_id>/reopen", views.case_reopen, name="case_reopen"),
    path("cases/<int:case_id>/<str:subject>/<int:subject_id>", views.case_act, name="case_act"),
    path("log", views.audit_log, name="log"),
]
