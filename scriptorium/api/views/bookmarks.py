"""One's bookmarks through the API: the list (as one's bookmarks page shows it), a new one, a change, a deletion.
Each write goes through ``interactions.services`` (who may bookmark what, suspensions, the spam check)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from scriptorium.api import interaction_serializers as s
from scriptorium.api.views.common import (
    ACCOUNT_READ_ERRORS,
    IF_NONE_MATCH,
    PAGE_PARAMS,
    WRITE_ERRORS,
    AccountView,
    id_param,
    known,
    paged,
    service_answers,
)
from scriptorium.interactions import services
from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.selectors import bookmarks as bookmark_selectors
from scriptorium.works import selectors as work_selectors
from scriptorium.works.models import Series

BOOKMARK_ID = id_param("bookmark_id", "One of your bookmarks' id.")


def _own(request, bookmark_id: int):
    """One of the account's own bookmarks, with what it points at as its page shows it (404 for anyone else's)."""
    known(bookmark_id)
    mine = bookmark_selectors.bookmarks_of_user(request.user, request.user).filter(pk=bookmark_id).first()
    if mine is None:
        raise Http404("No bookmark found.")
    return mine


def _input(data: dict, bookmark=None) -> BookmarkInput:
    """What the client sent, over what the bookmark has (a change names only what it changes)."""
    notes = data.get("notes", bookmark.notes if bookmark else "")
    tags = data.get("tags", bookmark.tags if bookmark else [])
    return BookmarkInput(
        notes=notes,
        tags=", ".join(tags),
        rec=data.get("rec", bookmark.rec if bookmark else False),
        private=data.get("private", bookmark.private if bookmark else False),
    )


def _written(request, bookmark, held_message: str) -> dict:
    data = s.BookmarkSerializer(_own(request, bookmark.pk), context={"request": request}).data
    return {**data, "held_message": held_message}


class BookmarkList(AccountView):
    """Your bookmarks, newest first, private ones too (as your bookmarks page shows them); a new bookmark of a
    work or series you can find in a listing (one each)."""

    query_params = frozenset({"cursor", "page_size"})

    @extend_schema(
        operation_id="bookmarks_list",
        parameters=[*PAGE_PARAMS, IF_NONE_MATCH],
        responses={200: s.BookmarkPageSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request):
        rows, envelope = paged(request, bookmark_selectors.bookmarks_of_user(request.user, request.user))
        envelope["results"] = s.BookmarkSerializer(rows, many=True, context={"request": request}).data
        return Response(envelope)

    @extend_schema(
        operation_id="bookmarks_create",
        request=s.BookmarkCreateInput,
        responses={201: s.BookmarkWrittenSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        body = s.BookmarkCreateInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with service_answers():
            if "work" in data:
                target = {"work": work_selectors.work_listed_or_404(request.user, data["work"])}
            else:
                series = work_selectors.series_or_404(data["series"])
                try:
                    services.check_series_bookmarkable(request.user, series)
                except Series.DoesNotExist:
                    raise Http404("No series found.") from None
                target = {"series": series}
            bookmark = services.bookmark_create(actor=request.user, data=_input(data), **target)
        return Response(_written(request, bookmark, bookmark.held_message), status=status.HTTP_201_CREATED)


class BookmarkDetail(AccountView):
    """One of your bookmarks: read it, change it (only the fields given), delete it."""

    @extend_schema(
        operation_id="bookmark_retrieve",
        parameters=[BOOKMARK_ID, IF_NONE_MATCH],
        responses={200: s.BookmarkSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request, bookmark_id: int):
        return Response(s.BookmarkSerializer(_own(request, bookmark_id), context={"request": request}).data)

    @extend_schema(
        operation_id="bookmark_update",
        parameters=[BOOKMARK_ID],
        request=s.BookmarkFieldsInput,
        responses={200: s.BookmarkWrittenSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, bookmark_id: int):
        bookmark = _own(request, bookmark_id)
        body = s.BookmarkFieldsInput(data=request.data)
        body.is_valid(raise_exception=True)
        with service_answers():
            changed = services.bookmark_update(
                actor=request.user, bookmark=bookmark, data=_input(body.validated_data, bookmark)
            )
        return Response(_written(request, changed, changed.held_message))

    @extend_schema(operation_id="bookmark_destroy", parameters=[BOOKMARK_ID], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, bookmark_id: int):
        bookmark = _own(request, bookmark_id)
        with service_answers():
            services.bookmark_delete(actor=request.user, bookmark=bookmark)
        return Response(status=status.HTTP_204_NO_CONTENT)
