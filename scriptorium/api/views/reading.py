"""Read endpoints of /api/v1/: thin, each through the same selectors (and so the same querysets) as its page."""

from __future__ import annotations

from functools import partial

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from scriptorium.api import serializers
from scriptorium.api.listing import SEARCH_PARAMS, cursor_decode, works_page
from scriptorium.api.params import PAGE_SIZE, PAGE_SIZE_MAX, page_size
from scriptorium.api.views.common import (
    IF_NONE_MATCH,
    READ_ERRORS,
    ApiView,
    cursor_link,
    id_param,
    known,
    work_for_reader,
)
from scriptorium.search.forms import COMPLETE_CHOICES, CROSSOVER_CHOICES, ORDER_CHOICES, SORT_CHOICES
from scriptorium.search.selectors import works_count_under_tag
from scriptorium.tags import selectors as tag_selectors
from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, WARNINGS
from scriptorium.tags.wrangling import can_wrangle
from scriptorium.works import selectors as work_selectors
from scriptorium.works.adult import adult_agreed_ids, adult_notice_due
from scriptorium.works.languages import LANGUAGE_CHOICES

ERRORS = READ_ERRORS


ADULT_NOTICE = OpenApiResponse(OpenApiTypes.OBJECT, description="An adult work: ask again with view_adult=true.")


_id = id_param


WORK_ID = _id("work_id", "The work's id.")
CHAPTER_ID = _id("chapter_id", "The chapter's id (one of this work's).")
SERIES_ID = _id("series_id", "The series' id.")
TAG_NAME = OpenApiParameter(
    "name",
    {"type": "string", "pattern": "^[^/]+$"},
    OpenApiParameter.PATH,
    description='The tag\'s name, any case; "/" written "*s*", "&" "*a*", "." "*d*", "?" "*q*", "#" "*h*".',
)


_known = known


def _values(choices) -> list[str]:
    return [value for value, _ in choices if value]


def _param(name: str, description: str, *, enum=None, many: bool = False, kind=OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(name, kind, description=description, enum=enum, many=many, explode=True if many else None)


WORK_LIST_PARAMS = [
    _param("q", "Search text (the syntax of the search page)."),
    _param("include", "Tags every work must have, comma-separated, by any name of the tag.", many=True),
    _param("exclude", "Tags no work may have, comma-separated.", many=True),
    _param("rating", "Any of these ratings.", enum=list(RATINGS), many=True),
    _param("exclude_rating", "None of these ratings.", enum=list(RATINGS), many=True),
    _param("warning", "Archive warnings every work must have.", enum=list(WARNINGS), many=True),
    _param("exclude_warning", "Archive warnings no work may have.", enum=list(WARNINGS), many=True),
    _param("category", "Categories every work must have.", enum=list(CATEGORIES), many=True),
    _param("exclude_category", "Categories no work may have.", enum=list(CATEGORIES), many=True),
    _param("crossover", "Crossovers included, excluded or only.", enum=_values(CROSSOVER_CHOICES)),
    _param("complete", "Complete works only or works in progress only.", enum=_values(COMPLETE_CHOICES)),
    _param("single_chapter", "Only works of one chapter.", kind=OpenApiTypes.BOOL),
    _param("words_from", "At least this many words.", kind=OpenApiTypes.INT),
    _param("words_to", "At most this many words.", kind=OpenApiTypes.INT),
    _param("posted_from", "Posted on or after (YYYY-MM-DD).", kind=OpenApiTypes.DATE),
    _param("posted_to", "Posted on or before.", kind=OpenApiTypes.DATE),
    _param("updated_from", "Updated on or after.", kind=OpenApiTypes.DATE),
    _param("updated_to", "Updated on or before.", kind=OpenApiTypes.DATE),
    _param("language", "The works' language.", enum=_values(LANGUAGE_CHOICES)),
    _param("sort", "Sort by.", enum=_values(SORT_CHOICES)),
    _param("order", "Sort direction (each sort has a natural one).", enum=_values(ORDER_CHOICES)),
    _param("cursor", "The page: the `next` or `previous` link's cursor."),
    _param(
        "page_size",
        f"Works per page, {PAGE_SIZE} unless asked; more than {PAGE_SIZE_MAX} is capped.",
        kind=OpenApiTypes.INT,
    ),
]


class WorkList(ApiView):
    """Works listed for the reader, with the works listing's filters; the reader's excluded tags and muted
    creators are left out, as on the pages."""

    query_params = SEARCH_PARAMS | {"cursor", "page_size"}

    @extend_schema(
        operation_id="works_list",
        parameters=[*WORK_LIST_PARAMS, IF_NONE_MATCH],
        responses={200: serializers.WorkPageSerializer, **ERRORS},
    )
    def get(self, request):
        page = cursor_decode(request.query_params.get("cursor"))
        found = works_page(request.user, request.query_params, page=page, size=page_size(request))
        link = partial(cursor_link, request)

        context = {"request": request}
        return Response(
            {
                "next": link(page + 1 if found.has_next else None),
                "previous": link(page - 1 if page > 1 else None),
                "results": serializers.WorkSerializer(found.works, many=True, context=context).data,
            }
        )


class WorkDetail(ApiView):
    """A work the reader may open (as its page: drafts only for their creators, restricted ones only for
    accounts, hidden ones only for creators and moderators)."""

    @extend_schema(
        operation_id="work_retrieve",
        parameters=[WORK_ID, IF_NONE_MATCH],
        responses={200: serializers.WorkDetailSerializer, **ERRORS},
    )
    def get(self, request, work_id: int):
        work = work_for_reader(request, work_id, for_page=True)
        return Response(serializers.WorkDetailSerializer(work, context={"request": request}).data)


class ChapterList(ApiView):
    """The work's chapters in order, without their texts."""

    @extend_schema(
        operation_id="chapters_list",
        parameters=[WORK_ID, IF_NONE_MATCH],
        responses={200: serializers.ChapterSummarySerializer(many=True), **ERRORS},
    )
    def get(self, request, work_id: int):
        work = work_for_reader(request, work_id)
        return Response(serializers.ChapterSummarySerializer(work_selectors.chapter_list(work), many=True).data)


class ChapterDetail(ApiView):
    """One chapter with its text (sanitized HTML, as the page shows it). An adult work's text waits behind the
    adult notice as on the pages: 403 until asked with ``view_adult=true`` (unless the account chose to see
    adult works without asking, or is a creator of the work)."""

    query_params = frozenset({"view_adult"})

    @extend_schema(
        operation_id="chapter_retrieve",
        parameters=[
            WORK_ID,
            CHAPTER_ID,
            IF_NONE_MATCH,
            _param("view_adult", "I am an adult and want to read it.", enum=["true"]),
        ],
        responses={200: serializers.ChapterSerializer, 403: ADULT_NOTICE, **ERRORS},
    )
    def get(self, request, work_id: int, chapter_id: int):
        _known(chapter_id)
        work = work_for_reader(request, work_id)
        chapter = work_selectors.chapter_or_404(work, chapter_id)
        creator = work_selectors.is_creator(request.user, work)
        agreed = adult_agreed_ids(request._request)
        if request.query_params.get("view_adult") != "true" and adult_notice_due(
            request.user, work, creator=creator, agreed=agreed
        ):
            raise PermissionDenied(
                f"This work is rated {work.rating}: ask again with view_adult=true to read it.", code="adult_notice"
            )
        return Response(serializers.ChapterSerializer(chapter).data)


class TagDetail(ApiView):
    """A tag with its wrangling relations, as its page shows them: a tag only drafts or hidden works carry is
    unknown to readers who may not open those works; a synonym names its canonical tag (``merger``)."""

    @extend_schema(
        operation_id="tag_retrieve",
        parameters=[TAG_NAME, IF_NONE_MATCH],
        responses={200: serializers.TagSerializer, **ERRORS},
    )
    def get(self, request, name: str):
        shown_with = None if can_wrangle(request.user) else work_selectors.works_visible(request.user)
        tag = tag_selectors.tag_named(name, shown_with=shown_with)
        if tag is None:
            raise Http404("No tag found.")
        page = tag_selectors.tag_page(tag, shown_with=shown_with)
        page.work_count = works_count_under_tag(request.user, tag.merger or tag)
        return Response(serializers.TagSerializer(page).data)


class SeriesDetail(ApiView):
    """A series and its works listed for the reader, in order; 404 when the reader may see none of them."""

    @extend_schema(
        operation_id="series_retrieve",
        parameters=[SERIES_ID, IF_NONE_MATCH],
        responses={200: serializers.SeriesSerializer, **ERRORS},
    )
    def get(self, request, series_id: int):
        _known(series_id)
        found = work_selectors.series_for_reading(request.user, series_id)
        if found is None:
            raise Http404("No series found.")
        return Response(serializers.SeriesSerializer(found, context={"request": request}).data)
