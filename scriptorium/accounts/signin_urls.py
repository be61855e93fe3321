"""allauth's pages, mounted without a namespace (allauth reverses its own names: ``account_login``…).

Django reverses a repeated name to its last pattern, so the three at the end make allauth's own links and
redirects use the archive's addresses (/login, /signup, /logout), which ``accounts.urls`` serves first.
"""

from allauth.account import views as allauth_views
from django.urls import include, path

urlpatterns = [
    path("account/", include("allauth.urls")),
    path("login", allauth_views.login, name="account_login"),
    path("signup", allauth_views.signup, name="account_signup"),
    path("logout", allauth_views.logout, name="account_logout"),
]
