"""``{% honeypot "field-id" %}``: the honeypot input (``core.forms.HoneypotMixin``) for a form written by hand."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from scriptorium.core.forms import honeypot_html

register = template.Library()


@register.simple_tag
def honeypot(field_id: str) -> SafeString:
    return honeypot_html(field_id)
