"""Placeholder until this module is written."""

from django.contrib.auth import views as auth_views
from django.http import Http404

LoginView = auth_views.LoginView
LogoutView = auth_views.LogoutView


def signup(request, **kwargs):
    raise Http404


def preferences(request, **kwargs):
    raise Http404


def pseud_manage(request, **kwargs):
    raise Http404


def pseud_new(request, **kwargs):
    raise Http404


def pseud_edit(request, **kwargs):
    raise Http404


def pseud_delete(request, **kwargs):
    raise Http404


def adult_consent(request, **kwargs):
    raise Http404

