"""User HTML on the pages (issue 14, finding 5): an image from elsewhere (a tracking pixel) is not loaded unless
the operator allows remote images, the Content-Security-Policy says the same, and user text cannot wear the
site's own classes, wherever it is shown: chapters, summaries, notes, comments (guests' too), bookmarks, series."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import bookmark_create, comment_approve
from scriptorium.works.models import Chapter, Series, Work
from tests.factories import make_work

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PIXEL_URL = "https://tracker.example/p.gif?reader=1"
PIXEL = f'<p>Lovely chapter!<img src="{PIXEL_URL}" width="1" height="1"></p>'
LOADED = '<img src="https://tracker.example/p.gif'
AS_LINK = (
    'href="https://tracker.example/p.gif?reader=1" rel="nofollow noopener noreferrer">[Image from tracker.example]'
)
FAKE_NOTICE = '<p class="messages error">Your session expired: <a class="button" href="/x">log in</a></p>'


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _chapter_url(work: Work) -> str:
    return f"/works/{work.pk}/chapters/{work.chapters.get(position=1).pk}"


def _img_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("img-src")).strip()


@pytest.fixture
def guest_pixel(client, user) -> Work:
    """A work with a guest's comment carrying a tracking pixel (held, as a guest's link is, then approved)."""
    work = make_work(creator=user, title="Harbour Lights")
    response = client.post(
        f"{_chapter_url(work)}/comments",
        {"text": PIXEL, "guest_name": "Passing Reader", "guest_email": "reader@example.org"},
    )
    assert response.status_code == 302
    comment_approve(actor=user, comment=Comment.objects.get())
    return work


def test_a_guests_tracking_pixel_is_not_loaded_but_shown_as_a_link(client, guest_pixel) -> None:
    body = _page(client, f"/works/{guest_pixel.pk}")

    assert "Lovely chapter!" in body
    assert LOADED not in body
    assert AS_LINK in body


def test_the_guests_pixel_loads_when_the_operator_allows_remote_images(client, guest_pixel, settings) -> None:
    settings.SCRIPTORIUM_REMOTE_IMAGES = True

    assert f'<img src="{PIXEL_URL}" width="1" height="1">' in _page(client, f"/works/{guest_pixel.pk}")


def test_an_image_in_a_chapter_is_a_link_by_default_and_an_image_when_allowed(client, settings) -> None:
    work = make_work(chapters=[f'<p>The map:</p><p><img src="{PIXEL_URL}" alt="the coast road"></p>'])

    body = _page(client, f"/works/{work.pk}")
    assert LOADED not in body
    assert f'href="{PIXEL_URL}" rel="nofollow noopener noreferrer">[Image: the coast road]</a>' in body

    settings.SCRIPTORIUM_REMOTE_IMAGES = True
    assert f'<img src="{PIXEL_URL}" alt="the coast road">' in _page(client, f"/works/{work.pk}")


def test_chapter_text_cannot_wear_the_sites_classes(client) -> None:
    work = make_work(chapters=[FAKE_NOTICE + '<p class="align-center small-caps">Act One</p>'])

    body = _page(client, f"/works/{work.pk}")

    assert "Your session expired" in body
    assert '<p class="messages error">' not in body and '<a class="button"' not in body
    assert '<p class="align-center small-caps">Act One</p>' in body


def test_text_stored_before_the_rules_is_shown_under_them(client) -> None:
    """Chapters, summaries and comments saved under the old allow-list (classes and remote images kept) are
    cleaned when shown, whatever the operator decides later."""
    work = make_work(title="Old Text")
    stored = FAKE_NOTICE + f'<p><img src="{PIXEL_URL}"></p>'
    Chapter.objects.filter(work=work).update(text=stored, notes=stored)
    Work.objects.filter(pk=work.pk).update(summary=stored)

    for url in (f"/works/{work.pk}", "/works/"):
        body = _page(client, url)
        assert "Your session expired" in body, url
        assert 'class="messages error"' not in body and '<a class="button"' not in body, url
        assert LOADED not in body and AS_LINK in body, url


def test_summaries_in_listings_follow_the_setting_though_blurbs_are_cached(client, settings) -> None:
    make_work(title="Pictured", summary=f'<p>A summary <img src="{PIXEL_URL}" alt="banner"></p>')

    assert LOADED not in _page(client, "/works/")
    settings.SCRIPTORIUM_REMOTE_IMAGES = True
    assert LOADED in _page(client, "/works/")
    settings.SCRIPTORIUM_REMOTE_IMAGES = False
    assert LOADED not in _page(client, "/works/")


def test_bookmark_notes_and_series_descriptions_do_not_load_remote_images(client, user, other_user) -> None:
    work = make_work(creator=user, title="In Series", series_title="Coastal")
    series = Series.objects.get(title="Coastal")
    Series.objects.filter(pk=series.pk).update(summary=PIXEL, notes=FAKE_NOTICE)
    bookmark_create(actor=other_user, work=work, data=BookmarkInput(notes=PIXEL + FAKE_NOTICE))

    for url in (f"/series/{series.pk}", f"/users/{other_user.username}/bookmarks", f"/works/{work.pk}/bookmarks"):
        body = _page(client, url)
        assert "Lovely chapter!" in body, url
        assert LOADED not in body and AS_LINK in body, url
        assert 'class="messages error"' not in body, url


def test_the_csp_refuses_remote_images_by_default(client) -> None:
    assert _img_src(client.get("/")) == "img-src 'self'"


def test_the_csp_allows_https_images_when_the_operator_turns_them_on(tmp_path) -> None:
    def img_src(value: str | None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRIPTORIUM_", "DJANGO_"))}
        env.update(SCRIPTORIUM_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="scriptorium.settings")
        if value is not None:
            env["SCRIPTORIUM_REMOTE_IMAGES"] = value
        code = "from django.conf import settings; print(' '.join(settings.SECURE_CSP['img-src']))"
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True
        )
        return result.stdout.strip()

    assert img_src(None) == img_src("off") == "'self'"
    assert img_src("on") == "'self' https:"


def test_every_template_shows_user_html_through_the_filter_never_safe() -> None:
    """Stored user HTML reaches a page only through ``|user_html`` (which knows the image setting and the
    class allow-list); a ``|safe`` on a user field would skip both."""
    offenders = [
        f"{path.relative_to(ROOT)}: {match}"
        for path in (ROOT / "scriptorium").glob("*/templates/**/*.html")
        for match in re.findall(
            r"\{\{[^}]*\.(?:text|summary|notes|end_notes|description|body_html)\|safe[^}]*\}\}", path.read_text()
        )
    ]
    assert offenders == []
