"""`scriptorium suggest` and `scriptorium import --accept-suggestions`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from scriptorium.suggest.models import SuggestionFeedback
from scriptorium.works.models import Work
from tests.factories import make_work

pytestmark = pytest.mark.django_db
TEXTS = Path(__file__).resolve().parents[2] / "scriptorium" / "suggest" / "evaluation" / "texts"
KEYS = {"fandoms", "characters", "relationships", "categories", "rating", "warnings", "additional_tags", "language"}


def test_suggest_a_file_as_json() -> None:
    out = StringIO()
    call_command("suggest", str(TEXTS / "01-safehouse.txt"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= KEYS
    assert data["fandoms"][0]["name"] == "Marvel Cinematic Universe"
    assert "Natasha Romanov/Steve Rogers" in [r["name"] for r in data["relationships"]]
    entry = data["characters"][0]
    assert set(entry) >= {"name", "confidence", "evidence"}
    assert set(entry["evidence"][0]) == {"chapter", "start", "end", "excerpt", "signal"}


def test_suggest_a_work_by_id(user) -> None:
    text = (TEXTS / "15-nest.txt").read_text(encoding="utf-8")
    work = make_work(creator=user, chapters=[text])
    out = StringIO()
    call_command("suggest", str(work.pk), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["fandoms"][0]["name"] == "Supernatural (TV 2005)"
    assert "Graphic Depictions Of Violence" in [w["name"] for w in data["warnings"]]


def test_suggest_eval_prints_every_field() -> None:
    out = StringIO()
    call_command("suggest", "eval", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["cases"] == 54
    assert {"characters", "relationships", "warnings"} <= set(data["fields"])
    assert 0 <= data["fandom_accuracy"] <= 1


def test_import_with_accept_suggestions_applies_and_reports_them() -> None:
    out = StringIO()
    call_command("import", str(TEXTS / "01-safehouse.txt"), "--accept-suggestions", "--json", stdout=out)
    record = json.loads(out.getvalue().splitlines()[-1])
    work = Work.objects.get(pk=record["id"])
    assert "Marvel Cinematic Universe" in record["fandoms"]
    assert "Natasha Romanov/Steve Rogers" in record["relationships"]
    assert record["rating"] != "Not Rated"
    notes = [p for p in record["problems"] if p["field"] == "suggestions"]
    assert notes and "Applied suggestions" in notes[0]["message"]
    assert any(p["field"] == "suggestions" for p in work.import_problems)
    assert SuggestionFeedback.objects.filter(work=work, decision="accepted").exists()


def test_import_without_the_flag_applies_nothing() -> None:
    out = StringIO()
    call_command("import", str(TEXTS / "01-safehouse.txt"), "--json", stdout=out)
    record = json.loads(out.getvalue().splitlines()[-1])
    assert record["fandoms"] == []
    assert record["rating"] == "Not Rated"
    assert not any(p["field"] == "suggestions" for p in record["problems"])


def test_when_suggestions_cannot_be_applied_the_import_says_so(monkeypatch) -> None:
    from django.core.exceptions import ValidationError

    from scriptorium.suggest import imports

    def refuse(**kwargs: object) -> list[str]:
        raise ValidationError("A work can have 75 tags.")

    monkeypatch.setattr(imports, "suggestions_accept_all", refuse)
    out = StringIO()
    call_command("import", str(TEXTS / "01-safehouse.txt"), "--accept-suggestions", "--json", stdout=out)
    record = json.loads(out.getvalue().splitlines()[-1])
    assert record["status"] == "imported"
    assert record["fandoms"] == []
    notes = [p["message"] for p in record["problems"] if p["field"] == "suggestions"]
    assert notes == ["Suggestions were not applied: A work can have 75 tags."]


def test_bench_reports_time_and_memory() -> None:
    out = StringIO()
    call_command("suggest", "bench", "--json", "--words", "800", "--runs", "2", "--calls", "20", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["words"] >= 800
    assert figures["median_cpu_ms"] > 0
    assert set(figures["traced_kib_after_calls"]) == {"10", "20"}


def test_train_says_why_it_cannot_learn_yet() -> None:
    out = StringIO()
    call_command("suggest", "train", stdout=out)
    assert "Too few rated works" in out.getvalue()
