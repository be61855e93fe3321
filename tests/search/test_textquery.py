"""The ``q`` parser and its two compilers (no database)."""

from __future__ import annotations

import pytest

from scriptorium.search.query import QuerySyntaxError
from scriptorium.search.textquery import MAX_LENGTH, Clause, parse, to_fts5, to_tsquery


def clauses(text: str) -> list[Clause]:
    query = parse(text)
    assert query is not None
    return list(query.clauses)


def test_empty_text_is_no_text_search() -> None:
    assert parse("") is None
    assert parse("   ") is None


def test_words_phrases_exclusions_prefixes_and_fields() -> None:
    assert clauses('Dragon "Found  Family" -angst drag* title:Winter -tag:"major death" text:sea creator:ana') == [
        Clause(words=("dragon",)),
        Clause(words=("found", "family")),
        Clause(words=("angst",), negated=True),
        Clause(words=("drag",), prefix=True),
        Clause(words=("winter",), column="title"),
        Clause(words=("major", "death"), column="tags", negated=True),
        Clause(words=("sea",), column="body"),
        Clause(words=("ana",), column="creators"),
    ]
    assert clauses("summary:storm") == [Clause(words=("storm",), column="summary")]


def test_words_are_folded_and_split_like_the_index() -> None:
    assert clauses("Crème-Brûlée") == [Clause(words=("creme", "brulee"))]
    assert clauses("Re:Zero") == [Clause(words=("re", "zero"))]  # not a known field: an ordinary phrase
    assert clauses("TITLE:Sea") == [Clause(words=("sea",), column="title")]
    assert clauses("sea !!! sea") == [Clause(words=("sea",))]  # punctuation ignored, repeats merged
    assert clauses('"sea sh"*') == [Clause(words=("sea", "sh"), prefix=True)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open phrase', "not closed"),
        ("-", '"-"'),
        ("sea - storm", '"-"'),
        ("*", '"*"'),
        ("title:", "title:"),
        ("sea -title:", "title:"),
        ("-angst", "cannot only leave words out"),
        ('-"a b" -c', "cannot only leave words out"),
        ("a*", "at least 2 letters"),
        ("!!! ???", "no words"),
        ('""', "no words"),
        ("x" * 2000, f"at most {MAX_LENGTH} characters"),
        (" ".join(f"w{i}" for i in range(40)), "too many"),
    ],
)
def test_bad_queries_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        parse(text)
    assert message in str(error.value)


@pytest.mark.parametrize("text", ["NEAR(a b)", 'a" OR "b', "{title}:x", "a^b", "col:x", "x AND", "(x", "'x'"])
def test_compiled_fts5_quotes_every_word(text: str) -> None:
    query = parse(text.replace('"', "")) if text.count('"') % 2 else parse(text)
    compiled = to_fts5(query)
    # Outside the quoted words only our own operators, braces and parentheses remain.
    outside = compiled.split('"')[0::2]
    assert all(set(part) <= set("(){}: *ANDOTbcdilmorsty") for part in outside), compiled


def test_fts5_and_tsquery_shapes() -> None:
    query = parse('sea "came home" -dragon drag* title:x')
    assert to_fts5(query) == '("sea" AND "came home" AND "drag" * AND {title} : "x") NOT "dragon"'
    phrase, prefix, titled = query.clauses[1], query.clauses[3], query.clauses[4]
    assert to_tsquery(phrase) == "'came' <-> 'home'"
    assert to_tsquery(prefix) == "'drag':*"
    assert to_tsquery(titled, weighted=True) == "'x':A"
    assert to_tsquery(parse('tag:"ab cd"*').clauses[0], weighted=True) == "'ab':C <-> 'cd':*C"
