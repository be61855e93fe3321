"""Whether one account may ask another to share credit: the rule lives in an app above works (blocks are in
``interactions``), so works asks here and that app registers its answer when it starts (``AppConfig.ready``).

    invite_refusal_register(fn)            # fn(inviter_id, invitee_id) -> bool: True when the invitee refuses
    invite_refused(inviter_id, invitee_id)  # asked by works before it sends a co-creator invitation
"""

from __future__ import annotations

from collections.abc import Callable

RefusalCheck = Callable[[int, int], bool]

_checks: dict[str, RefusalCheck] = {}


def invite_refusal_register(check: RefusalCheck) -> RefusalCheck:
    """Add a check (registering the same function twice keeps one); usable as a decorator."""
    _checks[f"{check.__module__}.{check.__qualname__}"] = check
    return check


def invite_refused(inviter_id: int, invitee_id: int) -> bool:
    """True when any registered check says ``invitee_id`` will not be invited by ``inviter_id``."""
    return any(check(inviter_id, invitee_id) for check in _checks.values())
