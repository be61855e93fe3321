"""Writes for accounts and pseuds, and the moderators' suspensions and bans."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scriptorium.accounts import events, selectors
from scriptorium.accounts.models import FormerUsername, Pseud, User
from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.profile_check import profile_spam_check

PSEUD_MAX = 60
#: Names only the archive's own accounts may have (the orphan account, made on first need by
#: ``works.orphaning``): nobody can sign up, rename themselves or name a pseud so, to pose as the archive.
SYSTEM_USERNAMES = frozenset({"orphan_account"})
#: Names no account may take: addresses under /users/ that are pages of their own (AO3 tools log in at
#: /users/login), which a user of that name could never have.
ROUTE_USERNAMES = frozenset({"login", "logout"})


def _check_pseud_name(name: str, *, exclude_pk: int | None = None, system: bool = False) -> str:
    cleaned = " ".join(name.split())
    if not system and cleaned.lower() in SYSTEM_USERNAMES:
        raise ValidationError({"name": [f"The pseud “{cleaned}” is taken."]})
    if not cleaned:
        raise ValidationError({"name": ["A pseud needs a name."]})
    if len(cleaned) > PSEUD_MAX:
        raise ValidationError({"name": [f"Pseuds are {PSEUD_MAX} characters at most."]})
    if any(c in cleaned for c in "/,<>\\?#%"):
        raise ValidationError({"name": ["Pseuds cannot contain / , < > \\ ? # or %."]})
    taken = Pseud.objects.filter(name__iexact=cleaned)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": [f"The pseud “{cleaned}” is taken."]})
    return cleaned


def _username_reserved(username: str, *, for_user: User | None = None) -> bool:
    """Whether another account gave up ``username`` lately (its old addresses still lead there), or the archive
    keeps it for its own accounts."""
    if username.strip().lower() in SYSTEM_USERNAMES | ROUTE_USERNAMES:
        return True
    reserved = FormerUsername.objects.filter(
        username__iexact=username, changed_at__gt=selectors.former_username_reserved_since()
    )
    if for_user is not None:
        reserved = reserved.exclude(user=for_user)
    return reserved.exists()


#: A new username, as AO3 has them (so tools written for AO3 read our addresses): letters, digits and underscores,
#: 3 to 40 characters. Accounts made before this rule keep their names.
USERNAME_PATTERN = re.compile(r"\w{3,40}")


def username_rule_check(username: str) -> str:
    """A name a new account may take, or a rename may choose: letters, digits and ``_``, 3 to 40 characters."""
    if not USERNAME_PATTERN.fullmatch(username):
        raise ValidationError("Usernames are 3 to 40 letters, digits or underscores (no spaces or other signs).")
    return username


def username_check(username: str) -> str:
    """A new account's username: free as a username and as a pseud (its first pseud takes it), in any case, and
    not given up lately by another account (see ``user_rename``)."""
    if User.objects.filter(username__iexact=username).exists() or _username_reserved(username):
        raise ValidationError(f"The username “{username}” is taken.")
    try:
        return _check_pseud_name(username)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict["name"]) from exc


@transaction.atomic
def user_create(*, username: str, email: str, password: str | None, is_system: bool = False) -> User:
    """Create an account with a default pseud named after it."""
    reserved = not is_system and _username_reserved(username)
    if User.objects.filter(username__iexact=username).exists() or reserved:
        raise ValidationError({"username": [f"The username “{username}” is taken."]})
    try:
        name = _check_pseud_name(username, system=is_system)
    except ValidationError as exc:
        raise ValidationError({"username": exc.message_dict["name"]}) from exc
    user = User.objects.create_user(username=username, email=email, password=password, is_system=is_system)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Pseud.objects.create(user=user, name=name, is_default=True)
    return user


def user_rename(*, user: User, username: str, password: str) -> User:
    """Change ``user``'s username (already cleaned by allauth's username rules) after checking the password,
    at most once per SCRIPTORIUM_USERNAME_CHANGE_DAYS. The old name is kept (``FormerUsername``): its addresses
    lead to the account and nobody else may take it for SCRIPTORIUM_USERNAME_REDIRECT_DAYS. The default pseud,
    when it bore the old name, is renamed too (``pseud_update``, so bylines refresh)."""
    if not user.check_password(password):
        raise ValidationError({"password": ["That is not your current password."]})
    next_at = selectors.username_next_change_at(user)
    if next_at is not None:
        raise ValidationError(
            {"username": [f"You changed your username lately; you can change it again after {next_at:%-d %B %Y}."]}
        )
    username = username.strip()
    old = user.username
    if username == old:
        raise ValidationError({"username": ["That is already your username."]})
    taken = User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists()
    if taken or _username_reserved(username, for_user=user):
        raise ValidationError({"username": [f"The username “{username}” is taken."]})
    pseud = Pseud.objects.filter(user=user, is_default=True, name=old).first()
    try:
        if pseud is not None:
            _check_pseud_name(username, exclude_pk=pseud.pk)
        elif username.lower() != old.lower():
            _check_pseud_name(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.message_dict["name"]}) from exc
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.username != old:
            raise ValidationError({"username": ["Your username changed meanwhile. Please try again."]})
        FormerUsername.objects.create(user=user, username=old)
        user.username = username
        user.save(update_fields=["username"])
        if pseud is not None:
            pseud_update(actor=user, pseud=pseud, name=username, description=pseud.description)
    return user


@transaction.atomic
def pseud_create(*, actor: User, name: str, description: str = "") -> Pseud:
    cleaned = _check_pseud_name(name)
    profile_spam_check(actor=actor, description=description)
    return Pseud.objects.create(user=actor, name=cleaned, description=description.strip())


@transaction.atomic
def pseud_update(*, actor: User, pseud: Pseud, name: str, description: str = "") -> Pseud:
    if pseud.user_id != actor.pk:
        raise PermissionDenied("That pseud is not yours.")
    profile_spam_check(actor=actor, description=description)
    old_name = pseud.name
    pseud.name = _check_pseud_name(name, exclude_pk=pseud.pk)
    pseud.description = description.strip()
    pseud.save(update_fields=["name", "description"])
    if pseud.name != old_name:
        events.pseud_renamed.announce(pseud_id=pseud.pk)
    return pseud


@transaction.atomic
def pseud_make_default(*, actor: User, pseud: Pseud) -> Pseud:
    if pseud.user_id != actor.pk:
        raise PermissionDenied("That pseud is not yours.")
    Pseud.objects.filter(user=actor).exclude(pk=pseud.pk).update(is_default=False)
    pseud.is_default = True
    pseud.save(update_fields=["is_default"])
    return pseud


def user_set_view_adult(*, user: User, value: bool) -> None:
    user.view_adult = value
    user.save(update_fields=["view_adult"])


def import_account() -> User:
    """The archive's own account that owns imported works when no creator is named."""
    from django.conf import settings

    username = settings.SCRIPTORIUM_IMPORT_ACCOUNT
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(username=username, email="", password=None, is_system=True)
    return user


def _account_to_moderate(*, actor: User, user_id: int) -> User:
    """The account a moderator acts on, locked (a missing one answers ``User.DoesNotExist``). Moderators cannot
    act on themselves, on another moderator or on a superuser: that is the admin's business."""
    if not is_moderator(actor):
        raise PermissionDenied("Only moderators can suspend or ban accounts.")
    user = User.objects.select_for_update().get(pk=user_id)
    if user.pk == actor.pk:
        raise ValidationError("You cannot suspend or ban your own account.")
    if is_moderator(user) and not actor.is_superuser:
        raise ValidationError("Moderators and admins can only be suspended or banned by an admin.")
    return user


def account_suspend(*, actor: User, user_id: int, until: datetime.datetime | None, reason: str = "") -> User:
    """Suspend an account until ``until`` (it can read, but not post, comment, leave kudos or bookmark
    publicly), or lift its suspension (``until`` None)."""
    if until is not None and until <= timezone.now():
        raise ValidationError({"days": ["A suspension ends in the future."]})
    with transaction.atomic():
        user = _account_to_moderate(actor=actor, user_id=user_id)
        user.suspended_until = until
        user.suspension_reason = reason.strip() if until is not None else ""
        user.save(update_fields=["suspended_until", "suspension_reason"])
    return user


def account_ban(*, actor: User, user_id: int, reason: str) -> User:
    """Ban an account: it can no longer log in (its sessions end at their next request)."""
    with transaction.atomic():
        user = _account_to_moderate(actor=actor, user_id=user_id)
        if user.banned_at is not None:
            raise ValidationError("This account is already banned.")
        user.is_active = False
        user.banned_at = timezone.now()
        user.ban_reason = reason.strip()
        user.save(update_fields=["is_active", "banned_at", "ban_reason"])
    return user
