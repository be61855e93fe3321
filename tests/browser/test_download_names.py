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
