"""The posting form's suggestion round: "Suggest tags" and the chip buttons on a work not saved yet.

Nothing is saved but the writer's decision on a chip (kept like any other, for learning): the posted form data
comes back with the suggestions for the typed text and summary, and with an accepted suggestion filled in.
The works view that owns the form renders it (``works.views.posting.work_new``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import QueryDict

from scriptorium.accounts.models import User
from scriptorium.core.text import html_to_text, user_text_to_html
from scriptorium.suggest.selectors import ChipBoard, chips_for_text
from scriptorium.suggest.services import suggestion_choice_check, suggestion_feedback_record

_MULTI = ("warnings", "categories")
_TEXT_FIELDS = ("fandoms", "characters", "relationships", "additional_tags")


@dataclass
class SuggestionRound:
    """What the posting form shows after a suggestion button: the data as posted (with an accepted
    suggestion in it), the open chips, the suggestions turned down so far, and why a choice was refused."""

    data: QueryDict
    chips: ChipBoard
    rejected: list[str]
    error: str = ""


def suggestion_round_wanted(post: QueryDict) -> bool:
    """Whether a posted form asks for suggestions (or decides on one) rather than posting the work."""
    return post.get("action") == "suggest" or bool(post.get("suggestion", ""))


def suggestion_round(*, actor: User, post: QueryDict) -> SuggestionRound:
    """Apply the chosen chip (``suggestion`` = "accept|field|name" or "reject|field|name") to a copy of the
    posted data, remember the decision, and suggest again for the text and summary as typed."""
    choice = post.get("suggestion", "")
    data = post.copy()
    error = ""
    rejected = {tuple(v.split("|", 1)) for v in data.getlist("rejected") if "|" in v}
    if choice.count("|") >= 2:
        decision, field_name, name = choice.split("|", 2)
        try:
            name = suggestion_choice_check(field_name, name)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if decision == "accept":
                _with_choice(data, field_name, name)
            else:
                rejected.add((field_name, name))
                data.appendlist("rejected", f"{field_name}|{name}")
            suggestion_feedback_record(
                actor=actor,
                work=None,
                field_name=field_name,
                name=name,
                decision="accepted" if decision == "accept" else "rejected",
            )
    present = (
        {f: {t.strip() for t in data.get(f, "").split(",") if t.strip()} for f in _TEXT_FIELDS}
        | {f: set(data.getlist(f)) for f in _MULTI}
        | {"rating": {data.get("rating", "")}, "language": {data.get("language", "")}}
    )
    board = chips_for_text(
        text=_plain(data.get("text", "")), summary=_plain(data.get("summary", "")), present=present, rejected=rejected
    )
    return SuggestionRound(data=data, chips=board, rejected=sorted(f"{f}|{n}" for f, n in rejected), error=error)


def _with_choice(data: QueryDict, field_name: str, name: str) -> None:
    """Put an accepted suggestion into the posted form data (the posting form, before anything is saved)."""
    if field_name in _TEXT_FIELDS:
        current = [t.strip() for t in data.get(field_name, "").split(",") if t.strip()]
        if name.casefold() not in {t.casefold() for t in current}:
            current.append(name)
        data[field_name] = ", ".join(current)
    elif field_name in _MULTI:
        values = data.getlist(field_name)
        if name not in values:
            data.setlist(field_name, [*values, name])
    elif field_name in ("rating", "language"):
        data[field_name] = name


def _plain(value: str) -> str:
    return html_to_text(user_text_to_html(value)) if value.strip() else ""
