"""``{% subscribe_button "work" work %}``: the subscribe / unsubscribe button other apps' pages include.

It needs only the page's context (``request``); one query tells whether the reader is subscribed."""

from __future__ import annotations

from django import template

from scriptorium.notifications.models.subscription import SubscriptionKind
from scriptorium.notifications.selectors import is_subscribed

register = template.Library()

_WHAT = {
    SubscriptionKind.WORK: "new chapters of this work",
    SubscriptionKind.CREATOR: "new works by {name}",
    SubscriptionKind.SERIES: "new works in this series",
    SubscriptionKind.TAG: "new works found under this tag",
    SubscriptionKind.SEARCH: "new works this search finds",
}


@register.inclusion_tag("notifications/_subscribe_button.html", takes_context=True)
def subscribe_button(context: template.Context, kind: str, target: object) -> dict[str, object]:
    request = context.get("request")
    user = getattr(request, "user", None)
    target_id = target.filter_tag_id if kind == SubscriptionKind.TAG else target.pk
    own = kind == SubscriptionKind.CREATOR and user is not None and user.is_authenticated and user.pk == target.pk
    return {
        "show": user is not None and not own,
        "logged_in": bool(user and user.is_authenticated),
        "subscribed": bool(user and is_subscribed(user, kind, target_id)),
        "kind": kind,
        "target_id": target_id,
        "what": _WHAT[SubscriptionKind(kind)].format(name=getattr(target, "username", "")),
        "next": request.get_full_path() if request else "",
        "request": request,
    }
