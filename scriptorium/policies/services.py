"""Writes: publishing a policy version, accepting the terms, and an account created with the terms accepted."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from markdown_it import MarkdownIt

from scriptorium.accounts.models import User
from scriptorium.accounts.services import user_create
from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import html_to_text, user_text_to_html
from scriptorium.policies import selectors
from scriptorium.policies.models import PolicyAcceptance, PolicyKind, PolicyVersion, TextFormat
from scriptorium.policies.models.version import BODY_MAX, NOTE_MAX

TERMS_CHANGED = "The Terms of Service changed while this page was open: please read the current version and accept it."


def policy_text_to_html(body: str, text_format: str) -> str:
    """What the editor typed to the sanitized HTML the page shows: Markdown (CommonMark with tables and
    strike-through; raw HTML in it is sanitized too), or HTML/plain text as writers' text boxes take it."""
    if text_format == TextFormat.MARKDOWN:
        rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(body)
        return sanitize_html(rendered).strip()
    return user_text_to_html(body)


@transaction.atomic
def policy_publish(
    *,
    actor: User,
    kind: str,
    body: str,
    text_format: str = TextFormat.MARKDOWN,
    note: str = "",
    requires_acceptance: bool = False,
) -> PolicyVersion:
    """Publish a new version of ``kind`` (the old ones stay readable). ``requires_acceptance`` (terms only):
    every account accepts it at its next visit."""
    if not selectors.may_publish(actor):
        raise PermissionDenied("Only staff allowed to publish policies can do that.")
    errors: dict[str, list[str]] = {}
    if kind not in PolicyKind.values:
        errors["kind"] = ["There is no such policy."]
    if text_format not in TextFormat.values:
        errors["text_format"] = ["Choose Markdown, or HTML or plain text."]
    body = body.replace("\r\n", "\n").strip()
    note = " ".join(note.split())
    body_html = ""
    if len(body) > BODY_MAX:
        errors["body"] = [f"The text is {len(body):,} characters long; {BODY_MAX:,} at most."]
    elif not errors.get("text_format"):
        body_html = policy_text_to_html(body, text_format)
        if not html_to_text(body_html).strip():
            errors["body"] = ["The text is empty (or nothing is left once scripts and styles are removed)."]
    if len(note) > NOTE_MAX:
        errors["note"] = [f"Keep “what changed” to {NOTE_MAX} characters."]
    if requires_acceptance and kind != PolicyKind.TERMS:
        errors["requires_acceptance"] = ["Only the Terms of Service are accepted by accounts."]
    if errors:
        raise ValidationError(errors)
    last = PolicyVersion.objects.filter(kind=kind).aggregate(last=Max("number"))["last"] or 0
    version = PolicyVersion.objects.create(
        kind=kind,
        number=last + 1,
        body=body,
        text_format=text_format,
        body_html=body_html,
        note=note,
        requires_acceptance=requires_acceptance,
        published_at=timezone.now(),
        published_by=actor,
    )
    if requires_acceptance:
        # Forget the cached required version now and again at commit (a request in between may cache the old one).
        cache.delete(selectors.REQUIRED_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(selectors.REQUIRED_CACHE_KEY))
    return version


def _current_terms_check(version: PolicyVersion | None, *, field: str) -> PolicyVersion | None:
    current = selectors.policy_current(PolicyKind.TERMS)
    if current is not None and (version is None or version.pk != current.pk):
        raise ValidationError({field: [TERMS_CHANGED if version is not None else "Please accept the terms."]})
    return current


@transaction.atomic
def policy_accept(*, actor: User, version: PolicyVersion) -> PolicyAcceptance:
    """Record that ``actor`` accepted ``version`` of the terms, which must be the current one (accepting it
    twice keeps the first record)."""
    if not actor.is_authenticated:
        raise PermissionDenied("Log in to accept the terms.")
    if version.kind != PolicyKind.TERMS:
        raise ValidationError({"version": ["Only the Terms of Service are accepted."]})
    _current_terms_check(version, field="version")
    acceptance, _ = PolicyAcceptance.objects.get_or_create(
        user=actor, version=version, defaults={"accepted_at": timezone.now()}
    )
    return acceptance


@transaction.atomic
def account_sign_up(*, username: str, email: str, password: str, terms: PolicyVersion | None) -> User:
    """Create an account (``accounts.services.user_create``) having accepted ``terms``, which must be the terms
    in force (None when none are published): one transaction, so no account exists without its acceptance."""
    current = _current_terms_check(terms, field="accept_terms")
    user = user_create(username=username, email=email, password=password)
    if current is not None:
        PolicyAcceptance.objects.create(user=user, version=current, accepted_at=timezone.now(), at_signup=True)
    return user
