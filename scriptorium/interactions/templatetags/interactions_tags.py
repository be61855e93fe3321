"""Template tags other apps' pages use to show this app's buttons without their views knowing about it."""

from __future__ import annotations

from django import template

from scriptorium.interactions.selectors import bookmark_of, relation_state

register = template.Library()


@register.inclusion_tag("interactions/_relation_buttons.html", takes_context=True)
def relation_buttons(context: template.Context, other: object) -> dict[str, object]:
    """Mute and Block buttons for ``other`` on their profile pages (not for guests, nor on one's own)."""
    request = context["request"]
    viewer = request.user
    show = viewer.is_authenticated and getattr(other, "pk", None) != viewer.pk
    return {
        "show": show,
        "other": other,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "state": relation_state(viewer, other) if show else {},
    }


@register.inclusion_tag("interactions/_series_actions.html", takes_context=True)
def series_bookmark_button(context: template.Context, series: object) -> dict[str, object]:
    """The Bookmark (or Edit your bookmark) button on a series page."""
    request = context["request"]
    return {
        "series": series,
        "authenticated": request.user.is_authenticated,
        "next": request.get_full_path(),
        "bookmark": bookmark_of(request.user, series=series),
    }
