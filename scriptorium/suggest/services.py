"""Writes of the suggester: a writer's accept or reject of one suggestion, and the batch accept of imports.

Accepting goes through the works service (``work_update``), so a suggested tag is added exactly as if the
writer had typed it; nothing is applied without such a call.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.suggest.models import RatingClassifier, SuggestionFeedback
from scriptorium.suggest.result import FIELDS, Suggestions
from scriptorium.tags.services import normalize_tag_name, validate_tag_name
from scriptorium.tags.vocabulary import (
    CATEGORIES,
    CHOSE_NOT_TO_WARN,
    NO_WARNINGS_APPLY,
    NOT_RATED,
    RATINGS,
    TAGS_PER_WORK_MAX,
    WARNINGS,
)
from scriptorium.works.inputs import WorkInput
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Work
from scriptorium.works.selectors import work_input_current
from scriptorium.works.services import work_update

TAG_FIELDS = ("fandoms", "characters", "relationships", "additional_tags")
Decision = SuggestionFeedback.Decision
#: The batch accept of imports takes suggestions at least this sure.
BATCH_CONFIDENCE = 0.5
RETRAIN_AFTER = timedelta(days=1)


def suggestion_choice_check(field_name: str, name: str) -> str:
    """The name of a suggestion a writer picked, tidied, if it can go into that field; else ValidationError.

    Suggestions come back from the page, so they are checked like anything typed: a known field, a rating,
    warning, category or language from the fixed lists, a tag name tags can take."""
    if field_name not in FIELDS:
        raise ValidationError(f"“{field_name}” is not a field suggestions are made for.")
    name = normalize_tag_name(name)
    allowed = {"rating": RATINGS, "warnings": WARNINGS, "categories": CATEGORIES, "language": tuple(LANGUAGES)}
    if field_name in allowed and name not in allowed[field_name]:
        raise ValidationError(f"“{name}” is not a valid choice for {field_name.replace('_', ' ')}.")
    if field_name in TAG_FIELDS:
        validate_tag_name(name)
    return name


def with_suggestion(data: WorkInput, field_name: str, name: str) -> WorkInput:
    """``data`` with one suggestion applied: a rating or language replaces, tags are added once."""
    if field_name in ("rating", "language"):
        return dataclasses.replace(data, **{field_name: name})
    current: tuple[str, ...] = getattr(data, field_name)
    if name.casefold() in {c.casefold() for c in current}:
        return data
    if field_name == "warnings":
        if name in (NO_WARNINGS_APPLY, CHOSE_NOT_TO_WARN):
            return dataclasses.replace(data, warnings=(name,))
        kept = tuple(w for w in current if w not in (NO_WARNINGS_APPLY, CHOSE_NOT_TO_WARN))
        return dataclasses.replace(data, warnings=(*kept, name))
    return dataclasses.replace(data, **{field_name: (*current, name)})


def _check_editable(actor: User, work: Work) -> None:
    if not Work.objects.editable_by(actor).filter(pk=work.pk).exists():
        raise PermissionDenied("Only the work's creators can decide on its suggestions.")


def suggestion_feedback_record(
    *,
    actor: User | None,
    work: Work | None,
    field_name: str,
    name: str,
    decision: str,
    surfaces: list[str] | tuple[str, ...] = (),
    fandom: str = "",
) -> SuggestionFeedback:
    """Remember a decision (one per work, field and name: a later decision replaces an earlier one)."""
    if decision not in Decision.values:
        raise ValidationError(f"“{decision}” is not a decision.")
    values = {"user": actor, "decision": decision, "surfaces": list(surfaces)[:20], "fandom": fandom[:150]}
    if work is None:
        return SuggestionFeedback.objects.create(work=None, field=field_name, name=name[:150], **values)
    feedback, _ = SuggestionFeedback.objects.update_or_create(
        work=work, field=field_name, name=name[:150], defaults=values
    )
    return feedback


@transaction.atomic
def suggestion_accept(
    *, actor: User, work: Work, field_name: str, name: str, suggestions: Suggestions | None = None
) -> Work:
    """Apply one suggestion to the work through the works service, and remember that the writer took it."""
    _check_editable(actor, work)
    name = suggestion_choice_check(field_name, name)
    data = with_suggestion(work_input_current(work), field_name, name)
    work = work_update(actor=actor, work=work, data=data)
    found = suggestions.find(field_name, name) if suggestions else None
    suggestion_feedback_record(
        actor=actor,
        work=work,
        field_name=field_name,
        name=name,
        decision=Decision.ACCEPTED,
        surfaces=found.surfaces if found else (),
        fandom=suggestions.fandom if suggestions else "",
    )
    if field_name == "rating":
        transaction.on_commit(_maybe_retrain)
    return work


@transaction.atomic
def suggestion_reject(
    *, actor: User, work: Work, field_name: str, name: str, suggestions: Suggestions | None = None
) -> SuggestionFeedback:
    """Remember that the writer turned a suggestion down; the work is left as it is."""
    _check_editable(actor, work)
    name = suggestion_choice_check(field_name, name)
    found = suggestions.find(field_name, name) if suggestions else None
    return suggestion_feedback_record(
        actor=actor,
        work=work,
        field_name=field_name,
        name=name,
        decision=Decision.REJECTED,
        surfaces=found.surfaces if found else (),
        fandom=suggestions.fandom if suggestions else "",
    )


@transaction.atomic
def suggestions_accept_all(
    *, actor: User, work: Work, suggestions: Suggestions, min_confidence: float = BATCH_CONFIDENCE
) -> list[str]:
    """For batch imports: fill in what the file left out with the suggestions at least ``min_confidence``
    sure (never replacing what the file said), apply them through the works service, and note on the work
    which ones were applied. Returns the applied "field: name" lines."""
    _check_editable(actor, work)
    data = work_input_current(work)
    applied: list[str] = []

    def take(field_name: str, name: str) -> None:
        nonlocal data
        changed = with_suggestion(data, field_name, name)
        if changed != data:
            data = changed
            applied.append(f"{field_name.replace('_', ' ')}: {name}")

    for field_name, items in suggestions.field_items():
        sure = [s for s in items if s.confidence >= min_confidence]
        if not sure:
            continue
        if field_name == "rating":
            if data.rating == NOT_RATED and sure[0].name != NOT_RATED:
                take("rating", sure[0].name)
        elif field_name == "warnings":
            if set(data.warnings) <= {CHOSE_NOT_TO_WARN} and sure[0].name != CHOSE_NOT_TO_WARN:
                for item in sure:
                    take("warnings", item.name)
        elif field_name == "language":
            continue  # the file's language (or the archive's default) stays: detection only shows
        elif field_name in ("fandoms", "categories") and getattr(data, field_name):
            continue
        else:
            for item in sure:
                tag_count = len(data.fandoms) + len(data.characters) + len(data.relationships)
                if field_name in TAG_FIELDS and tag_count + len(data.additional_tags) >= TAGS_PER_WORK_MAX:
                    break
                take(field_name, item.name)
    if not applied:
        return applied
    work = work_update(actor=actor, work=work, data=data)
    note = {"field": "suggestions", "message": "Applied suggestions: " + "; ".join(applied) + ".", "severity": "info"}
    Work.objects.filter(pk=work.pk).update(import_problems=[*work.import_problems, note])
    for line in applied:
        field_label, name = line.split(": ", 1)
        suggestion_feedback_record(
            actor=actor,
            work=work,
            field_name=field_label.replace(" ", "_"),
            name=name,
            decision=Decision.ACCEPTED,
            fandom=suggestions.fandom,
        )
    return applied


def _maybe_retrain() -> None:
    """Queue a retraining of the rating classifier when the newest one is a day old (or there is none)."""
    from scriptorium.suggest.tasks import rating_classifier_train_task

    newest = RatingClassifier.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    if newest is None or timezone.now() - newest > RETRAIN_AFTER:
        rating_classifier_train_task.enqueue()
