from django.urls import path, re_path
from django.views.generic import RedirectView

from scriptorium.policies import views

app_name = "policies"
SLUG = r"(?P<slug>terms|privacy|content-policy|faq)"
urlpatterns = [
    path("terms/accept", views.terms_accept, name="accept"),
    re_path(rf"^{SLUG}$", views.policy_page, name="page"),
    re_path(rf"^{SLUG}/versions$", views.policy_versions, name="versions"),
    re_path(rf"^{SLUG}/versions/(?P<number>[0-9]{{1,9}})$", views.policy_version, name="version"),
    re_path(rf"^{SLUG}/edit$", views.policy_edit, name="edit"),
    # The addresses AO3 readers know.
    path("tos", RedirectView.as_view(url="/terms", permanent=True)),
    path("content", RedirectView.as_view(url="/content-policy", permanent=True)),
]
