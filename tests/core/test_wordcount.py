import pytest

from scriptorium.core.wordcount import count_html_words, count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("One two three.", 3),
        ("Don’t split can't or well-known words.", 6),
        ("She paused—then ran.", 4),
        ("She paused -- then ran.", 4),
        ("A range 1990–2000 splits on the en dash.", 9),
        ("Wait… what?", 2),
        ("* * *", 0),
        ("日本語の文章", 6),
        ("ภาษาไทย", 7),
        ("Mixed 中文 words", 4),
        ("  spaced\n\nout\tacross   lines ", 4),
        ("“Quoted,” she said.", 3),
    ],
)
def test_count_words_follows_ao3_rule(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_html_tags_are_not_words() -> None:
    assert count_html_words("<p>Hello <em>there</em> friend.</p><p>Second&nbsp;paragraph.</p>") == 5
