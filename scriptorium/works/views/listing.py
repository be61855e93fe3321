"""Pagination shared by every page that lists works."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from scriptorium.works.models import Work


def paginate_works(request: HttpRequest, works: QuerySet[Work]) -> Page:
    """The page ``?page=N`` asks for; a number that is not one gives page 1, one past the end the last page."""
    paginator = Paginator(works, settings.SCRIPTORIUM_WORKS_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))
