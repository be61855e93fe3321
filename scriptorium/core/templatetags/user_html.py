"""``{{ chapter.text|user_html }}``: stored user HTML as the page shows it (see ``core.sanitize.display_html``).

Every template that shows what writers and readers typed uses this filter, never ``|safe``: it applies the
current allow-list to text saved under an older one and keeps images from elsewhere from loading unless the
operator allows them.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from scriptorium.core.sanitize import display_html

register = template.Library()


@register.filter(name="user_html")
def user_html(value: str | None) -> SafeString:
    return display_html(value or "")
