"""The works list of the API: the very search the works listing pages run (``search.selectors``: the same form,
the same query with the reader's excluded tags and muted creators, the same backend, the same visibility), one
page at a time behind an opaque cursor."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from typing import TYPE_CHECKING

from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from scriptorium.search.backends import get_search_backend
from scriptorium.search.forms import MAX_PAGE, PARAM_ORDER, SearchForm
from scriptorium.search.query import QuerySyntaxError
from scriptorium.search.selectors import Scope, build_query, reader_exclusions, works_for_ids

if TYPE_CHECKING:
    from scriptorium.works.models import Work

#: The search's own parameters (the works listing's filters, as its URLs write them).
SEARCH_PARAMS = frozenset(PARAM_ORDER)


def cursor_encode(page: int) -> str:
    return base64.urlsafe_b64encode(f"p{page}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str | None) -> int:
    if not cursor:
        return 1
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        page = int(raw[1:]) if raw.startswith("p") and raw[1:].isdigit() else 0
    except (binascii.Error, UnicodeDecodeError, ValueError):
        page = 0
    if not 1 <= page <= MAX_PAGE:
        raise ValidationError({"cursor": ["This cursor is not one this API gave: start again without it."]})
    return page


@dataclasses.dataclass
class WorksPage:
    works: list[Work]
    page: int
    has_next: bool


def works_page(user, params: QueryDict, *, page: int, size: int) -> WorksPage:
    """One page of the works the search ``params`` finds for ``user``; a bad filter is a 400 naming it."""
    search = QueryDict(mutable=True)
    for key in SEARCH_PARAMS:
        if key in params:
            search.setlist(key, params.getlist(key))
    form = SearchForm(search)
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    query = build_query(form, user, Scope(), reader_exclusions(user), page=page)
    query = dataclasses.replace(query, page=page, per_page=size, facets=(), snippets=False)
    try:
        result = get_search_backend().search(query)
    except QuerySyntaxError as error:
        raise ValidationError({"q": [str(error)]}) from None
    works = works_for_ids(user, result.work_ids)
    return WorksPage(works=works, page=page, has_next=page * size < result.total and page < MAX_PAGE)
