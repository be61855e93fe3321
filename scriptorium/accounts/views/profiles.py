"""Placeholder until this module is written."""

from django.http import Http404


def user_detail(request, **kwargs):
    raise Http404


def pseud_detail(request, **kwargs):
    raise Http404

