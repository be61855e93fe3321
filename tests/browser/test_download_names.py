"""A download of a work whose title has no Latin letter is saved under its own title by Chromium (issue 18: it was
"- archive-import.epub"), from the work page's download menu."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("label", "extension"), [("EPUB", "epub"), ("HTML", "html")])
def test_a_chinese_title_is_the_saved_files_name(new_page, label, extension) -> None:
    work = make_work(creator=UserFactory(username="archive-import"), title="红楼梦", language="zh")
    page = new_page(DESKTOP)
    page.goto(work.get_absolute_url())
    page.get_by_text("Download", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("link", name=label, exact=True).click()
    assert info.value.suggested_filename == f"红楼梦 - archive-import.{extension}"


def test_an_arabic_works_html_download_lays_out_our_labels_left_to_right(new_page) -> None:
    """The HTML download (the PDF is made from it) as Chromium lays it out: the archive's English labels start at
    the left, the work's Arabic title and text run right to left."""
    work = make_work(
        creator=UserFactory(username="katiba"),
        title="كتاب الرمل",
        language="ar",
        summary="<p>ملخص قصير.</p>",
        chapters=["مرحبا بالعالم. هذا نص عربي.", "الفصل الثاني."],
    )
    page = new_page(DESKTOP)
    body = page.request.get(f"/works/{work.pk}/download/html").text()
    page.set_content(body)
    direction = "selector => getComputedStyle(document.querySelector(selector)).direction"
    for ours in ("p.message", "dl.tags", "div.byline", "p.label", "h2.heading"):
        assert page.evaluate(direction, ours) == "ltr", ours
    for theirs in ("h1.title", "blockquote.userstuff", "div.chapter > div.userstuff"):
        assert page.evaluate(direction, theirs) == "rtl", theirs
    label = page.locator("dl.tags dt").first.bounding_box()
    assert label["x"] < DESKTOP["width"] / 4  # "Rating:" starts at the left, not the right
