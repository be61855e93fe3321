"""Placeholder until this module is written."""

from django.http import Http404


def tag_detail(request, **kwargs):
    raise Http404


def tag_works(request, **kwargs):
    raise Http404

