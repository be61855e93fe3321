"""The work page's download menu: every configured format, linked when this archive can build it."""

from __future__ import annotations

from django import template
from django.urls import reverse

from scriptorium.transfer.exports import converters, is_available
from scriptorium.transfer.exports.naming import url_slug
from scriptorium.works.models import Work

register = template.Library()


@register.inclusion_tag("transfer/_downloads.html")
def download_menu(work: Work) -> dict[str, object]:
    """No database query: availability comes from the converters (programs on the PATH)."""
    slug = url_slug(work.title)
    formats = []
    for name, converter in converters().items():
        available = is_available(name)
        formats.append(
            {
                "name": name,
                "label": converter.label,
                "available": available,
                "reason": "" if available else converter.unavailable_reason(),
                "url": reverse(
                    "transfer:download_file",
                    kwargs={"work_id": work.pk, "slug": slug, "extension": converter.extension},
                ),
            }
        )
    return {"work": work, "formats": formats}
