"""Placeholder until this module is written."""

from django.http import Http404


def import_upload(request, **kwargs):
    raise Http404

