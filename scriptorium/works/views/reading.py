"""The reader's pages: home, the works index, a work (by chapter or whole), its chapter index, series, and an
external author's works (AO3's ``/external_authors/ID``).

A work the viewer may not open answers exactly as a missing one does: the same 404; only a guest asking for a
restricted work is told to log in (``works/members_only.html``, nothing of the work on it).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from scriptorium.interactions import services as interactions
from scriptorium.interactions.pages import opened_front_page, pick_up, reader_guest_key, work_page_context
from scriptorium.search.blocking import page_blocking
from scriptorium.search.listing import render_listing
from scriptorium.search.selectors import Scope, recent_works
from scriptorium.skins.preference import HIDE, PARAM, SHOW
from scriptorium.skins.selectors import skin_stylesheet_for
from scriptorium.works import selectors
from scriptorium.works.adult import adult_notice
from scriptorium.works.models import Chapter, Work

#: How many recently updated works the home page shows.
HOME_WORKS = 10
#: How many works to pick up again the signed-in home page offers.
PICK_UP_WORKS = 5


def home(request: HttpRequest) -> HttpResponse:
    works = recent_works(request.user, count=HOME_WORKS)
    return render(request, "works/home.html", {"works": works, "pick_up": pick_up(request, count=PICK_UP_WORKS)})


def work_index(request: HttpRequest) -> HttpResponse:
    """Every listed work, with the search page's filter panel (the URL's query filters it)."""
    return render_listing(request, "works/index.html", {})


def _neighbours(chapters: list[Chapter], chapter: Chapter | None) -> tuple[Chapter | None, Chapter | None]:
    ids = [c.pk for c in chapters]
    if chapter is None or chapter.pk not in ids:
        return None, None
    index = ids.index(chapter.pk)
    previous = chapters[index - 1] if index > 0 else None
    following = chapters[index + 1] if index + 1 < len(chapters) else None
    return previous, following


def _skin_switch(request: HttpRequest, shown: bool) -> str:
    """This page's address with AO3's switch: hide the creator's style, or show it (when the reader hides them)."""
    query = request.GET.copy()
    query[PARAM] = HIDE if shown else SHOW
    return f"{request.path}?{query.urlencode()}"


def _render_work(
    request: HttpRequest,
    work: Work,
    *,
    creator: bool,
    chapters: list[Chapter],
    shown: list[Chapter],
    full: bool,
) -> HttpResponse:
    current = None if full or not shown else shown[0]
    previous, following = _neighbours(chapters, current)
    last_id = chapters[-1].pk if chapters else None
    shows_last = any(c.pk == last_id for c in shown)
    page = work_page_context(request, work, shown=shown, creator=creator)  # read before the visit is recorded
    interactions.work_read_record(
        actor=request.user,
        work=work,
        shown=shown,
        guest_key=reader_guest_key(request),
        keep_place=opened_front_page(request),
    )
    context = {
        "work": work,
        "is_creator": creator,
        "sole_creator": creator and all(uid == request.user.pk for uid in selectors.creator_user_ids(work)),
        "chapters": chapters,
        "shown": shown,
        "current": current,
        "previous_chapter": previous,
        "next_chapter": following,
        "last_chapter": chapters[-1] if chapters else None,
        "shows_last": shows_last,
        "end_notes_elsewhere": bool(work.end_notes) and not shows_last,
        "full": full,
        "multi": len(chapters) > 1,
        "series_places": selectors.series_places(request.user, work),
        **page,
    }
    if work.skin_id is not None:
        context["skin_stylesheet"] = skin_stylesheet_for(request, work.skin_id)
        context["skin_switch"] = _skin_switch(request, bool(context["skin_stylesheet"]))
    return render(request, "works/detail.html", context)


def _members_only(request: HttpRequest, work_id: int, error: Http404) -> HttpResponse:
    """A guest asking for a restricted work is told to log in (200, as AO3 answers, so its tools log in and try
    again), with nothing of the work; anything else the viewer may not open stays "not found"."""
    if request.method not in ("GET", "HEAD") or not selectors.work_asks_guest_to_log_in(request.user, work_id):
        raise error  # a write (a POST) to it still finds nothing
    return render(request, "works/members_only.html", {"next": request.get_full_path()})


def work_detail(request: HttpRequest, work_id: int) -> HttpResponse:
    """The work: its preface, then its first chapter (or, with ``?view_full_work=true``, every chapter)."""
    try:
        work = selectors.work_visible_or_404(request.user, work_id, for_page=True)
    except Http404 as error:
        return _members_only(request, work_id, error)
    creator = selectors.is_creator(request.user, work)
    notice = adult_notice(request, work, creator=creator)
    if notice is not None:
        return notice
    full = request.GET.get("view_full_work") == "true"
    if full:
        chapters = selectors.chapters_full(work)
        shown = chapters
    else:
        chapters = selectors.chapter_list(work)
        first = selectors.first_chapter(work)
        shown = [first] if first else []
    return _render_work(request, work, creator=creator, chapters=chapters, shown=shown, full=full)


def chapter_detail(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    """One chapter, under the same preface as the work page."""
    try:
        work = selectors.work_visible_or_404(request.user, work_id, for_page=True)
    except Http404 as error:
        return _members_only(request, work_id, error)
    chapter = selectors.chapter_or_404(work, chapter_id)
    creator = selectors.is_creator(request.user, work)
    notice = adult_notice(request, work, creator=creator)
    if notice is not None:
        return notice
    chapters = selectors.chapter_list(work)
    return _render_work(request, work, creator=creator, chapters=chapters, shown=[chapter], full=False)


def chapter_index(request: HttpRequest, work_id: int) -> HttpResponse:
    """The chapter index; ``?chapter=<id>`` (the chapter menu, which needs no JavaScript) jumps to that chapter."""
    try:
        work = selectors.work_visible_or_404(request.user, work_id, for_page=True)
    except Http404 as error:
        return _members_only(request, work_id, error)
    chapters = selectors.chapter_list(work)
    wanted = request.GET.get("chapter", "")
    for chapter in chapters:
        if wanted == str(chapter.pk):
            return HttpResponseRedirect(chapter.get_absolute_url())
    context = {"work": work, "chapters": chapters, "is_creator": selectors.is_creator(request.user, work)}
    return render(request, "works/navigate.html", context)


def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    """A series and its works in order; only works listed for the viewer, and 404 when there are none."""
    blocked = page_blocking(request, request.user)
    found = selectors.series_for_reading(
        request.user, series_id, shown=blocked.shown_q("pk") if blocked.blocklist.active else None
    )
    if found is None:
        raise Http404("No series found.")
    if blocked.blocklist.active:
        blocked.hidden = found.hidden
    series_creator = request.user.is_authenticated and any(p.user_id == request.user.pk for p in found.creators)
    context = {"found": found, "series": found.series, "series_creator": series_creator, "blocked": blocked}
    return render(request, "works/series.html", context)


@require_safe
def external_author_detail(request: HttpRequest, external_author_id: int) -> HttpResponse:
    """An author known by name only (works archived on their behalf): their works listed for the viewer, with the
    search page's filter panel. Claimed ones point to the pseud that now holds the works."""
    found = selectors.external_creator_visible_or_404(request.user, external_author_id)
    context = {"author": found}
    return render_listing(request, "works/external_author.html", context, scope=Scope(external_creator_ids=(found.pk,)))
