"""Writes for subscriptions, read marks and the digest choice. Each checks who acts, then the input, then acts.

A target the subscriber may not find (a draft, a work only its creators see, a series with no work they may
open, someone else's saved search) raises that model's ``DoesNotExist``: the view answers 404, exactly as for
a missing one. Subscribing twice changes nothing and says so (``created`` is False).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.notifications.models import DigestFrequency, DigestSettings, Notification, Subscription
from scriptorium.notifications.models.subscription import TARGET_FIELDS, SubscriptionKind
from scriptorium.search.models import SavedSearch
from scriptorium.tags.models import Tag
from scriptorium.works.models import Series, SeriesPart, Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser

SELF_SUBSCRIBE = "You can’t subscribe to yourself."
LOG_IN = "Please log in to subscribe."


def _check_account(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied(LOG_IN)


def subscription_target(*, actor: Actor, kind: str, target_id: int) -> models.Model:
    """The work, account, series, tag or saved search ``actor`` may subscribe to, or that model's DoesNotExist."""
    if kind not in SubscriptionKind.values:
        raise ValidationError("There is nothing of that kind to subscribe to.", code="kind")
    if kind == SubscriptionKind.WORK:
        return Work.objects.listed_for(actor).get(pk=target_id)
    if kind == SubscriptionKind.CREATOR:
        return User.objects.get(pk=target_id, is_active=True)
    if kind == SubscriptionKind.SERIES:
        listed = SeriesPart.objects.filter(work__in=Work.objects.listed_for(actor)).values("series_id")
        return Series.objects.filter(pk__in=listed).get(pk=target_id)
    if kind == SubscriptionKind.TAG:  # only a tag the reader may learn of: an id must not reveal a draft's tag
        return Tag.objects.shown_with(Work.objects.visible_to(actor)).get(pk=target_id)
    if not actor.is_authenticated:
        raise SavedSearch.DoesNotExist("No saved search found.")
    return SavedSearch.objects.get(pk=target_id, user=actor)


def target_label(kind: str, target: models.Model) -> str:
    """How a subscription's target is named in messages and lists."""
    if kind == SubscriptionKind.CREATOR:
        return target.username
    if kind == SubscriptionKind.TAG:
        return f"the tag “{target.name}”"
    if kind == SubscriptionKind.SEARCH:
        return f"your saved search “{target.name}”"
    if kind == SubscriptionKind.SERIES:
        return f"the series “{target.title}”"
    return f"“{target.title}”"


def subscription_create(*, actor: Actor, kind: str, target_id: int) -> tuple[Subscription, bool]:
    """Subscribe ``actor`` to the target; answer the subscription and whether it is new."""
    _check_account(actor)
    target = subscription_target(actor=actor, kind=kind, target_id=target_id)
    if kind == SubscriptionKind.CREATOR and target.pk == actor.pk:
        raise ValidationError(SELF_SUBSCRIBE, code="self")
    if kind == SubscriptionKind.TAG:
        target = Tag.objects.get(pk=target.filter_tag_id)
    field = TARGET_FIELDS[SubscriptionKind(kind)]
    existing = Subscription.objects.filter(user=actor, **{field: target}).first()
    if existing is not None:
        return existing, False
    fields: dict[str, object] = {"user": actor, "kind": kind, field: target}
    if kind == SubscriptionKind.SEARCH:
        fields["checked_at"] = timezone.now()  # from now on: the works it finds today are not news
    try:
        with transaction.atomic():
            return Subscription.objects.create(**fields), True
    except IntegrityError:  # the same reader's other request made it just now
        return Subscription.objects.get(user=actor, **{field: target}), False


def subscription_delete(*, actor: Actor, kind: str, target_id: int) -> bool:
    """Unsubscribe; answer whether there was a subscription. Works for targets no longer visible too."""
    _check_account(actor)
    if kind not in SubscriptionKind.values:
        raise ValidationError("There is nothing of that kind to subscribe to.", code="kind")
    field = TARGET_FIELDS[SubscriptionKind(kind)]
    ids = [target_id]
    if kind == SubscriptionKind.TAG:
        tag = Tag.objects.filter(pk=target_id).first()
        if tag is not None:
            ids.append(tag.filter_tag_id)
    deleted, _ = Subscription.objects.filter(user=actor, **{f"{field}_id__in": ids}).delete()
    return bool(deleted)


def notification_mark_read(*, actor: Actor, notification_id: int) -> Notification:
    """Mark one of ``actor``'s notifications read (someone else's answers as missing)."""
    _check_account(actor)
    notification = Notification.objects.get(pk=notification_id, recipient=actor)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, actor: Actor) -> int:
    _check_account(actor)
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def digest_settings_update(*, actor: Actor, frequency: str) -> DigestSettings:
    """Choose how often unread notifications come by email (off, daily, weekly)."""
    _check_account(actor)
    if frequency not in DigestFrequency.values:
        raise ValidationError({"frequency": ["Choose how often to get the digest."]}, code="frequency")
    if frequency != DigestFrequency.OFF and not actor.email:
        raise ValidationError(
            {"frequency": ["Your account has no email address, so a digest could not reach you."]}, code="no_email"
        )
    with transaction.atomic():
        row, _ = DigestSettings.objects.select_for_update().get_or_create(user=actor)
        row.frequency = frequency
        row.save(update_fields=["frequency", "updated_at"])
    return row
