"""Reads for the policy pages and for the check that an account accepted the terms in force."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404

from scriptorium.policies.models import PolicyAcceptance, PolicyKind, PolicyVersion

#: The terms every account must have accepted, cached briefly: every logged-in request asks. Publishing clears
#: it in the process that published; other processes (a per-process cache) see new terms within this many seconds.
REQUIRED_CACHE_KEY = "policies:terms-required"
REQUIRED_CACHE_SECONDS = 30
PUBLISH_PERMISSION = "policies.publish_policy"


@dataclass(frozen=True)
class RequiredTerms:
    id: int
    number: int


def kind_or_404(slug: str) -> PolicyKind:
    try:
        return PolicyKind(slug)
    except ValueError:
        raise Http404("There is no such policy.") from None


def policy_current(kind: str) -> PolicyVersion | None:
    """The version of ``kind`` in force (the newest), or None before the first is published."""
    return PolicyVersion.objects.current(kind)


def policy_versions(kind: str) -> list[PolicyVersion]:
    """Every version of ``kind``, newest first, with who published it."""
    return list(PolicyVersion.objects.of_kind(kind).select_related("published_by"))


def policy_version_or_404(kind: str, number: int) -> PolicyVersion:
    version = PolicyVersion.objects.of_kind(kind).filter(number=number).first()
    if version is None:
        raise Http404("There is no such version.")
    return version


def may_publish(user: object) -> bool:
    """Whether ``user`` may publish policy versions (staff given the permission; superusers)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def terms_required() -> RequiredTerms | None:
    """The newest terms version that asks for acceptance (any later version will do), or None."""
    cached = cache.get(REQUIRED_CACHE_KEY)
    if cached is None:
        version = PolicyVersion.objects.required_terms()
        cached = (version.pk, version.number) if version else ()
        cache.set(REQUIRED_CACHE_KEY, cached, REQUIRED_CACHE_SECONDS)
    return RequiredTerms(*cached) if cached else None


def terms_accepted(user: object, required: RequiredTerms) -> bool:
    """Whether ``user`` accepted ``required`` or a later version of the terms."""
    return PolicyAcceptance.objects.filter(
        user=user, version__kind=PolicyKind.TERMS, version__number__gte=required.number
    ).exists()


def terms_pending(user: object) -> PolicyVersion | None:
    """The terms ``user`` has to accept before going on (the current version), or None."""
    if not user.is_authenticated:
        return None
    required = terms_required()
    if required is None or terms_accepted(user, required):
        return None
    return policy_current(PolicyKind.TERMS)


def terms_accepted_by(user: object) -> list[PolicyAcceptance]:
    """The terms versions ``user`` accepted, newest first."""
    return list(PolicyAcceptance.objects.filter(user=user).select_related("version").order_by("-accepted_at"))
