from django.urls import path

from scriptorium.blocklists import views

app_name = "blocklists"
urlpatterns = [
    path("account/blocklist", views.settings_page, name="settings"),
    path("account/blocklist/<int:rule_id>/delete", views.rule_remove, name="remove"),
    path("account/blocklist/import", views.rules_import, name="import"),
    path("account/blocklist/export", views.rules_export, name="export"),
]
