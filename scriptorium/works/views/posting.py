"""Placeholder until this module is written."""

from django.http import Http404


def work_new(request, **kwargs):
    raise Http404


def drafts(request, **kwargs):
    raise Http404


def work_edit(request, **kwargs):
    raise Http404


def work_post(request, **kwargs):
    raise Http404


def work_delete(request, **kwargs):
    raise Http404


def chapter_new(request, **kwargs):
    raise Http404


def chapters_manage(request, **kwargs):
    raise Http404


def chapter_edit(request, **kwargs):
    raise Http404


def chapter_delete(request, **kwargs):
    raise Http404

