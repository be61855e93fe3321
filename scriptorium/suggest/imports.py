"""``scriptorium import --accept-suggestions``: apply confident suggestions to a freshly imported work."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.services import suggestions_accept_all
from scriptorium.suggest.textsource import document_from_parsed
from scriptorium.transfer.parsed import Problem
from scriptorium.transfer.services import ImportResult


def import_accept_suggestions(result: ImportResult) -> list[str]:
    """Apply the suggestions to the imported work (through the works service) and add a line saying so to the
    import's problems, which the report prints and the work keeps."""
    work = result.work
    actor = work.creators.select_related("user").first().user
    suggestions = suggest_document(document_from_parsed(result.parsed))
    try:
        applied = suggestions_accept_all(actor=actor, work=work, suggestions=suggestions)
    except ValidationError as exc:  # the work stays as imported; the report says why
        result.problems.append(Problem("suggestions", "Suggestions were not applied: " + " ".join(exc.messages)))
        return []
    if applied:
        work.refresh_from_db()
        result.problems.append(Problem("suggestions", "Applied suggestions: " + "; ".join(applied) + ".", "info"))
    return applied
