"""The blocklist's rules: what each kind keeps, what can never match (refused, nothing saved), the limit, and the
rule file: exported, read back, and refused whole when it is not ours or holds a bad rule."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from scriptorium.blocklists import services
from scriptorium.blocklists.models import BlockRule, RuleKind
from scriptorium.blocklists.rules import years_ago
from scriptorium.blocklists.selectors import blocklist_of, rules_of
from scriptorium.blocklists.services import RuleInput
from scriptorium.tags.models import Tag, TagType
from scriptorium.works.models.external import ExternalCreator
from tests.factories import PseudFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def burn() -> Tag:
    burn = Tag.objects.create(name="Slow Burn", type=TagType.ADDITIONAL, canonical=True)
    Tag.objects.create(name="Slowburn", type=TagType.ADDITIONAL, merger=burn)
    Tag.objects.create(name="Found Family", type=TagType.ADDITIONAL, canonical=True)
    return burn


def test_a_synonym_is_kept_as_its_canonical_tag_and_the_list_compiles(user, burn) -> None:
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.TAG, tag=" slowburn ", unless="Found Family"))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.WORDS, text="  Zombie - AU! "))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.STALE, low=2))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.FANDOMS, low=3))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.FANDOMS, low=2))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.ALLOW_TAG, tag="Found Family"))
    blocklist = blocklist_of(user)
    found_family = Tag.objects.get(name="Found Family")
    assert blocklist.tags == ((burn.pk, found_family.pk),)
    assert blocklist.words == ("zombie au",)
    assert blocklist.max_fandoms == 2  # the stricter of two
    assert blocklist.stale_before == years_ago(2, datetime.date.today())
    assert blocklist.allow_tags == (found_family.pk,) and blocklist.active
    assert [r.label for r in rules_of(user) if r.kind == RuleKind.TAG] == ["“Slow Burn” unless also “Found Family”"]


def test_an_allow_list_alone_hides_nothing(user, burn) -> None:
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.ALLOW_TAG, tag="Slow Burn"))
    assert not blocklist_of(user).active


def test_creators_are_pseuds_or_archived_authors(user, other_user) -> None:
    pseud = PseudFactory(user=other_user, name="Quill")
    archived = ExternalCreator.objects.create(name="Old Archive Author", archivist=other_user)
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.CREATOR, creator="quill"))
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.ALLOW_CREATOR, creator="Old Archive Author"))
    blocklist = blocklist_of(user)
    assert blocklist.pseud_ids == (pseud.pk,)
    assert blocklist.allow_external_creator_ids == (archived.pk,)


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        (RuleInput(kind=RuleKind.TAG, tag="No Such Tag"), "tag", "could never match"),
        (RuleInput(kind=RuleKind.TAG, tag="Slow Burn", unless="Slowburn"), "unless", "could never match"),
        (RuleInput(kind=RuleKind.TAG, tag="General Audiences"), "tag", "Ratings"),
        (RuleInput(kind=RuleKind.CREATOR, creator="Nobody At All"), "creator", "could never match"),
        (RuleInput(kind=RuleKind.WORD_COUNT, low=5000, high=1000), "high", "No work has at least 5,000"),
        (RuleInput(kind=RuleKind.WORD_COUNT), "low", "at least one end"),
        (RuleInput(kind=RuleKind.CHAPTER_COUNT, high=0), "high", "at least one chapter"),
        (RuleInput(kind=RuleKind.FANDOMS, low=0), "low", "1 or more"),
        (RuleInput(kind=RuleKind.STALE, low=0), "low", "from 1 to"),
        (RuleInput(kind=RuleKind.LANGUAGE, text="klingon"), "text", "Choose a language"),
        (RuleInput(kind=RuleKind.WORDS, text=" -- "), "text", "Type the words"),
        (RuleInput(kind="nonsense"), "kind", "not a kind of rule"),
    ],
)
def test_a_rule_that_can_never_match_is_refused_with_a_message(user, burn, rule, field, message) -> None:
    with pytest.raises(ValidationError) as caught:
        services.rule_add(user=user, rule=rule)
    assert message in " ".join(caught.value.message_dict[field])
    assert not BlockRule.objects.exists()


def test_the_same_rule_twice_is_refused_and_the_number_of_rules_is_limited(user, burn, monkeypatch) -> None:
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.WORDS, text="tea"))
    with pytest.raises(ValidationError, match="already"):
        services.rule_add(user=user, rule=RuleInput(kind=RuleKind.WORDS, text="tea"))
    monkeypatch.setattr(services, "RULES_MAX", 2)
    services.rule_add(user=user, rule=RuleInput(kind=RuleKind.WORDS, text="coffee"))
    with pytest.raises(ValidationError, match="at most 2 rules"):
        services.rule_add(user=user, rule=RuleInput(kind=RuleKind.WORDS, text="cocoa"))
    assert BlockRule.objects.filter(user=user).count() == 2


def test_only_your_own_rules_can_be_removed(user, other_user) -> None:
    theirs = services.rule_add(user=other_user, rule=RuleInput(kind=RuleKind.WORDS, text="tea"))
    with pytest.raises(ValidationError):
        services.rule_remove(user=user, rule_id=theirs.pk)
    services.rule_remove(user=other_user, rule_id=theirs.pk)
    assert not BlockRule.objects.exists()


def test_an_exported_file_imports_into_another_account_as_the_same_rules(user, other_user, burn) -> None:
    PseudFactory(user=other_user, name="Quill")
    for rule in (
        RuleInput(kind=RuleKind.TAG, tag="Slow Burn", unless="Found Family"),
        RuleInput(kind=RuleKind.CREATOR, creator="Quill"),
        RuleInput(kind=RuleKind.WORD_COUNT, high=999),
        RuleInput(kind=RuleKind.LANGUAGE, text="fr"),
        RuleInput(kind=RuleKind.ALLOW_TAG, tag="Found Family"),
    ):
        services.rule_add(user=user, rule=rule)
    content = services.rules_export(rules=rules_of(user))
    document = json.loads(content)
    assert document["format"] == "scriptorium-blocklist" and document["version"] == 1
    assert {"kind": "tag", "tag": "Slow Burn", "unless": "Found Family"} in document["rules"]
    added = services.rules_import(user=other_user, content=content.encode())
    assert len(added) == 5
    assert blocklist_of(other_user) == blocklist_of(user)
    assert services.rules_import(user=other_user, content=content.encode()) == []  # nothing new the second time


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n", "not a Scriptorium blocklist"),
        (b'{"rules": []}', "not a Scriptorium blocklist"),
        (b'["tag"]', "not a Scriptorium blocklist"),
        (b'{"format": "scriptorium-blocklist", "version": 7, "rules": []}', "version 7"),
        (b'{"format": "scriptorium-blocklist", "version": 1, "rules": "tea"}', "not a Scriptorium blocklist"),
    ],
)
def test_a_file_that_is_not_ours_is_refused(user, content, message) -> None:
    with pytest.raises(ValidationError) as caught:
        services.rules_import(user=user, content=content)
    assert message in " ".join(caught.value.messages)
    assert not BlockRule.objects.exists()


def test_one_bad_rule_refuses_the_whole_file_naming_it(user, burn) -> None:
    content = json.dumps(
        {
            "format": "scriptorium-blocklist",
            "version": 1,
            "rules": [
                {"kind": "words", "text": "tea"},
                {"kind": "word_count", "low": 9000, "high": 10},
                {"kind": "tag", "tag": "Nowhere"},
            ],
        }
    ).encode()
    with pytest.raises(ValidationError) as caught:
        services.rules_import(user=user, content=content)
    messages = caught.value.messages
    assert messages[0] == "Nothing was imported."
    assert messages[1].startswith("Rule 2: No work has at least 9,000")
    assert messages[2].startswith("Rule 3: No tag is named “Nowhere”")
    assert not BlockRule.objects.exists()
