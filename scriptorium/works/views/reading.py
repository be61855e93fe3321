"""Placeholder until this module is written."""

from django.http import Http404


def home(request, **kwargs):
    raise Http404


def work_index(request, **kwargs):
    raise Http404


def work_detail(request, **kwargs):
    raise Http404


def chapter_detail(request, **kwargs):
    raise Http404


def chapter_index(request, **kwargs):
    raise Http404


def series_detail(request, **kwargs):
    raise Http404

