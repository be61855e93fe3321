"""The spam check on what an account says about itself: a pseud's description (its profile).

Asked by ``services.pseud_create`` and ``pseud_update`` before they save; a description judged spam is refused
with a clear message and nothing is saved (as a comment judged spam is), so the form keeps the text to reword.
Staff and moderators are not judged.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from scriptorium.accounts.moderators import is_moderator
from scriptorium.core.spam import SpamCandidate, SpamKind, Verdict, plain_text, spam_check
from scriptorium.core.text import user_text_to_html


def profile_spam_check(*, actor: object, description: str) -> None:
    """Raise a ``ValidationError`` on ``description`` when the spam check judges it spam."""
    description = description.strip()
    if not description or actor.is_staff or is_moderator(actor):
        return
    html = user_text_to_html(description)
    candidate = SpamCandidate(
        text=plain_text(html),
        html=html,
        kind=SpamKind.PROFILE,
        user_id=actor.pk,
        account_created=actor.date_joined,
    )
    result = spam_check().check(candidate)
    if result.verdict == Verdict.SPAM:
        raise ValidationError(
            {
                "description": [
                    f"This description looks like spam ({result.why}), so it was not saved. "
                    "If it is not, please reword it."
                ]
            },
            code="spam",
        )
