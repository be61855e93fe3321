"""Writes for a reader's blocklist: add a rule, remove one, import a file of rules (export is ``transfer``'s
counterpart here: :func:`rules_export`).

Every rule is checked before anything is written: a name that is no tag or creator, or a rule that could never
match (at least 5,000 words and at most 1,000), is a ``ValidationError`` meant for the reader, and nothing is
saved. An import is all or nothing, in one transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from scriptorium.accounts.models import Pseud
from scriptorium.blocklists.models import RULES_MAX, BlockRule, RuleKind
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.services import normalize_tag_name
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models.external import ExternalCreator

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: What an exported file says it is; an import refuses any other file.
FILE_FORMAT = "scriptorium-blocklist"
FILE_VERSION = 1
#: Largest rule file accepted (bytes).
FILE_MAX = 256 * 1024
WORDS_MAX = 100
WORD = re.compile(r"\w+")
#: A "not updated for N years" rule: N from 1 to this.
STALE_YEARS_MAX = 50

RANGE_KINDS = frozenset({RuleKind.WORD_COUNT, RuleKind.CHAPTER_COUNT})
TAG_KINDS = frozenset({RuleKind.TAG, RuleKind.ALLOW_TAG})
CREATOR_KINDS = frozenset({RuleKind.CREATOR, RuleKind.ALLOW_CREATOR})


@dataclass(frozen=True)
class RuleInput:
    """One rule as the form or a file gives it: names, not ids."""

    kind: str
    tag: str = ""  # a tag's name (synonyms are stored as their canonical tag)
    unless: str = ""  # TAG: another tag's name that lets the work through
    creator: str = ""  # a pseud's name, or an external creator's name
    text: str = ""  # WORDS: the words; LANGUAGE: the language code
    low: int | None = None
    high: int | None = None


def _tag(name: str, field: str) -> Tag:
    name = normalize_tag_name(name or "")
    if not name:
        raise ValidationError({field: "Type the name of a tag."})
    tag = Tag.objects.named(name).select_related("merger").first()
    if tag is None:
        raise ValidationError({field: f"No tag is named “{name}”, so this rule could never match."})
    if tag.type == TagType.RATING:
        raise ValidationError({field: "Ratings are left out under Excluded tags, not by blocklist rules."})
    return tag.merger or tag


def _creator(name: str) -> tuple[Pseud | None, ExternalCreator | None]:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"creator": "Type a creator's name."})
    pseud = Pseud.objects.filter(name__iexact=name).first()
    if pseud is not None:
        return pseud, None
    external = ExternalCreator.objects.filter(name__iexact=name).order_by("pk").first()
    if external is not None:
        return None, external
    raise ValidationError({"creator": f"No creator is named “{name}”, so this rule could never match."})


def _count(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({field: "Give a whole number, 0 or more."})
    return value


def rule_build(*, user: User, rule: RuleInput) -> BlockRule:
    """The rule as an unsaved row, checked: every name found, and a rule that can match some work."""
    try:
        kind = RuleKind(rule.kind)
    except ValueError:
        raise ValidationError({"kind": f"“{rule.kind}” is not a kind of rule."}) from None
    row = BlockRule(user=user, kind=kind)
    if kind in TAG_KINDS:
        row.tag = _tag(rule.tag, "tag")
        if kind == RuleKind.TAG and (rule.unless or "").strip():
            row.unless_tag = _tag(rule.unless, "unless")
            if row.unless_tag.pk == row.tag.pk:
                raise ValidationError({"unless": "A tag “unless” the same tag could never match."})
    elif kind in CREATOR_KINDS:
        row.pseud, row.external_creator = _creator(rule.creator)
    elif kind == RuleKind.WORDS:
        # Whole words, as the text index has them: punctuation between them is dropped ("coffee-shop" is the
        # phrase "coffee shop").
        text = " ".join(WORD.findall(rule.text or ""))
        if not text:
            raise ValidationError({"text": "Type the words to look for (letters or digits)."})
        if len(text) > WORDS_MAX:
            raise ValidationError({"text": f"Keep the words under {WORDS_MAX} characters."})
        row.text = text
    elif kind == RuleKind.LANGUAGE:
        if rule.text not in LANGUAGES:
            raise ValidationError({"text": "Choose a language from the list."})
        row.text = rule.text
    elif kind in RANGE_KINDS:
        row.low, row.high = _count(rule.low, "low"), _count(rule.high, "high")
        if row.low is None and row.high is None:
            raise ValidationError({"low": "Give at least one end of the range."})
        if row.low is not None and row.high is not None and row.low > row.high:
            raise ValidationError({"high": f"No work has at least {row.low:,} and at most {row.high:,}."})
        if kind == RuleKind.CHAPTER_COUNT and row.high == 0:
            raise ValidationError({"high": "Every work has at least one chapter, so this rule could never match."})
    elif kind == RuleKind.FANDOMS:
        row.low = _count(rule.low, "low")
        if not row.low:
            raise ValidationError({"low": "Give a number of fandoms, 1 or more."})
    elif kind == RuleKind.STALE:
        row.low = _count(rule.low, "low")
        if not row.low or row.low > STALE_YEARS_MAX:
            raise ValidationError({"low": f"Give a number of years from 1 to {STALE_YEARS_MAX}."})
    return row


def _same(a: BlockRule, b: BlockRule) -> bool:
    fields = ("kind", "tag_id", "unless_tag_id", "pseud_id", "external_creator_id", "text", "low", "high")
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def _save(user: User, rows: list[BlockRule]) -> list[BlockRule]:
    """Save the rows the reader does not have yet, in one transaction; refuse if they would pass the limit."""
    with transaction.atomic():
        existing = list(BlockRule.objects.select_for_update().filter(user=user))
        new: list[BlockRule] = []
        for row in rows:
            if not any(_same(row, other) for other in [*existing, *new]):
                new.append(row)
        if len(existing) + len(new) > RULES_MAX:
            raise ValidationError(f"You may keep at most {RULES_MAX} rules; remove some first.")
        return BlockRule.objects.bulk_create(new)


def rule_add(*, user: User, rule: RuleInput) -> BlockRule:
    """Add one rule (or allow-list entry) to the reader's blocklist."""
    row = rule_build(user=user, rule=rule)
    saved = _save(user, [row])
    if not saved:
        raise ValidationError("You have this rule already.")
    return saved[0]


def rule_remove(*, user: User, rule_id: int) -> None:
    """Remove one of the reader's own rules."""
    deleted, _ = BlockRule.objects.filter(user=user, pk=rule_id).delete()
    if not deleted:
        raise ValidationError("That rule is not in your blocklist (any more).")


def _exported(row: BlockRule) -> dict[str, object]:
    item: dict[str, object] = {"kind": row.kind}
    if row.tag_id:
        item["tag"] = row.tag.name
    if row.unless_tag_id:
        item["unless"] = row.unless_tag.name
    if row.pseud_id:
        item["creator"] = row.pseud.name
    if row.external_creator_id:
        item["creator"] = row.external_creator.name
    if row.text:
        item["text"] = row.text
    if row.low is not None:
        item["low"] = row.low
    if row.high is not None:
        item["high"] = row.high
    return item


def rules_export(*, rules: list[BlockRule]) -> str:
    """The rules (from ``selectors.rules_of``) as the JSON file an import reads back: names, not ids."""
    document = {"format": FILE_FORMAT, "version": FILE_VERSION, "rules": [_exported(r) for r in rules]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _file_rules(content: bytes) -> list[dict]:
    not_ours = "This file is not a Scriptorium blocklist (export one from this page to see the format)."
    if len(content) > FILE_MAX:
        raise ValidationError(f"The file is larger than {FILE_MAX // 1024} KB; a blocklist is much smaller.")
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError(not_ours) from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise ValidationError(not_ours)
    if document.get("version") != FILE_VERSION:
        raise ValidationError(
            f"This blocklist file is version {document.get('version')!r}; this archive reads version {FILE_VERSION}."
        )
    rules = document.get("rules")
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ValidationError(not_ours)
    return rules


def _input(item: dict) -> RuleInput:
    strings = {k: item.get(k, "") for k in ("kind", "tag", "unless", "creator", "text")}
    if not all(isinstance(v, str) for v in strings.values()):
        raise ValidationError("Names and words must be text.")
    return RuleInput(**strings, low=item.get("low"), high=item.get("high"))


def rules_import(*, user: User, content: bytes) -> list[BlockRule]:
    """Add the rules of an exported file to the reader's blocklist (ones they have already are skipped). Every
    rule is checked first; one that fails refuses the whole file, naming it, and nothing is saved."""
    items = _file_rules(content)
    rows: list[BlockRule] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        try:
            rows.append(rule_build(user=user, rule=_input(item)))
        except ValidationError as error:
            problems.append(f"Rule {number}: {' '.join(error.messages)}")
    if problems:
        raise ValidationError(["Nothing was imported.", *problems[:20]])
    return _save(user, rows)
