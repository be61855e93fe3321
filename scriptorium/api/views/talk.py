"""Kudos and comments through the API: read as the work's page shows them (``interactions.selectors.work_page``:
the same names, the same threads, held comments only for whom the page shows them, muted authors as
placeholders), written through ``interactions.services`` (blocks, rate limits, the spam check, suspensions)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from scriptorium.api import interaction_serializers as s
from scriptorium.api.views.common import (
    IF_NONE_MATCH,
    READ_ERRORS,
    WRITE_ERRORS,
    AccountRequired,
    ApiView,
    TokenScopeAllows,
    id_param,
    known,
    service_answers,
    work_for_reader,
)
from scriptorium.interactions import selectors, services
from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.selectors.comments import Row
from scriptorium.works import selectors as work_selectors

WORK_ID = id_param("work_id", "The work's id.")
CHAPTER_ID = id_param("chapter_id", "The chapter's id (one of this work's).")
COMMENT_ID = id_param("comment_id", "The comment's id.")


class ReadOpenWriteAccount(AccountRequired):
    """Guests read (what the page shows them); writing needs an account."""

    def has_permission(self, request, view) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS") or super().has_permission(request, view)


class MixedView(ApiView):
    permission_classes = [ReadOpenWriteAccount, TokenScopeAllows]


def _threads(request, work, shown) -> dict:
    creator = work_selectors.is_creator(request.user, work)
    state = selectors.work_viewer_state(request.user, work)
    found = selectors.work_page(request.user, work, shown=shown, creator=creator, blocked=state.blocked)
    chapters = [
        {
            "chapter": thread.chapter,
            "count": thread.count,
            "held": thread.held,
            "comments": [row.node for row in thread.rows if isinstance(row, Row) and row.node is not None],
        }
        for thread in found.threads
    ]
    gate = {"open": found.gate.open, "reason": found.gate.reason}
    return s.CommentThreadsSerializer({"gate": gate, "chapters": chapters}).data


class WorkKudos(MixedView):
    """The work's kudos as its page shows them (accounts by name, guests counted); leave kudos (on the work, or
    on one of its chapters), once."""

    @extend_schema(
        operation_id="kudos_retrieve",
        parameters=[WORK_ID, IF_NONE_MATCH],
        responses={200: s.KudosSummarySerializer, **READ_ERRORS},
    )
    def get(self, request, work_id: int):
        work = work_for_reader(request, work_id)
        summary = selectors.kudos_for_page(request.user, work, [])
        return Response(s.KudosSummarySerializer(summary).data)

    @extend_schema(
        operation_id="kudos_create",
        parameters=[WORK_ID],
        request=s.KudosInput,
        responses={201: s.KudosSummarySerializer, **WRITE_ERRORS},
    )
    def post(self, request, work_id: int):
        work = work_for_reader(request, work_id)
        body = s.KudosInput(data=request.data)
        body.is_valid(raise_exception=True)
        chapter = None
        if "chapter" in body.validated_data:
            chapter = work_selectors.chapter_or_404(work, body.validated_data["chapter"])
        with service_answers():
            services.kudos_give(actor=request.user, work=work, chapter=chapter)
        summary = selectors.kudos_for_page(request.user, work, [])
        return Response(s.KudosSummarySerializer(summary).data, status=status.HTTP_201_CREATED)


class WorkComments(ApiView):
    """Every chapter's comment threads, as the work's page shows them."""

    @extend_schema(
        operation_id="work_comments_list",
        parameters=[WORK_ID, IF_NONE_MATCH],
        responses={200: s.CommentThreadsSerializer, **READ_ERRORS},
    )
    def get(self, request, work_id: int):
        work = work_for_reader(request, work_id, for_page=True)
        return Response(_threads(request, work, work_selectors.chapter_list(work)))


class ChapterComments(MixedView):
    """One chapter's comment threads, as its page shows them; a new comment there, or a reply (``parent``)."""

    @extend_schema(
        operation_id="chapter_comments_list",
        parameters=[WORK_ID, CHAPTER_ID, IF_NONE_MATCH],
        responses={200: s.CommentThreadsSerializer, **READ_ERRORS},
    )
    def get(self, request, work_id: int, chapter_id: int):
        known(chapter_id)
        work = work_for_reader(request, work_id, for_page=True)
        chapter = work_selectors.chapter_or_404(work, chapter_id)
        return Response(_threads(request, work, [chapter]))

    @extend_schema(
        operation_id="comments_create",
        parameters=[WORK_ID, CHAPTER_ID],
        request=s.CommentInput,
        responses={201: s.CommentWrittenSerializer, **WRITE_ERRORS},
    )
    def post(self, request, work_id: int, chapter_id: int):
        known(chapter_id)
        work = work_for_reader(request, work_id)
        chapter = work_selectors.chapter_or_404(work, chapter_id)
        body = s.CommentInput(data=request.data)
        body.is_valid(raise_exception=True)
        parent = None
        if "parent" in body.validated_data:
            parent = selectors.comment_to_answer(request.user, work, body.validated_data["parent"])
            if parent is None:
                raise ValidationError({"parent": ["That comment is not available, so you can’t reply to it."]})
        with service_answers():
            comment = services.comment_create(
                actor=request.user, chapter=chapter, data=CommentInput(text=body.validated_data["text"]), parent=parent
            )
        data = s.CommentWrittenSerializer(comment, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


def _comment(request, comment_id: int):
    """A comment the reader sees on its page (held ones: its author and the work's moderators); else 404."""
    known(comment_id)
    comment = selectors.comment_for_viewer(request.user, comment_id)
    if comment is None or not selectors.comment_shown_to(request.user, comment, work=comment.work):
        raise Http404("No comment found.")
    return comment


class CommentDetail(MixedView):
    """A comment you see: read it; edit your own; delete your own (or, as the work's creator, any on it)."""

    @extend_schema(
        operation_id="comment_retrieve",
        parameters=[COMMENT_ID, IF_NONE_MATCH],
        responses={200: s.CommentWrittenSerializer, **READ_ERRORS},
    )
    def get(self, request, comment_id: int):
        comment = _comment(request, comment_id)
        if comment.deleted:
            raise Http404("No comment found.")
        return Response(s.CommentWrittenSerializer(comment, context={"request": request}).data)

    @extend_schema(
        operation_id="comment_update",
        parameters=[COMMENT_ID],
        request=s.CommentEditInput,
        responses={200: s.CommentWrittenSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, comment_id: int):
        comment = _comment(request, comment_id)
        body = s.CommentEditInput(data=request.data)
        body.is_valid(raise_exception=True)
        with service_answers():
            comment = services.comment_edit(actor=request.user, comment=comment, text=body.validated_data["text"])
        return Response(s.CommentWrittenSerializer(comment, context={"request": request}).data)

    @extend_schema(operation_id="comment_destroy", parameters=[COMMENT_ID], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, comment_id: int):
        comment = _comment(request, comment_id)
        with service_answers():
            services.comment_delete(actor=request.user, comment=comment)
        return Response(status=status.HTTP_204_NO_CONTENT)
