"""Every email the archive sends has a plain-text and an HTML part, rendered from a pair of templates.

``message_send(to=…, template="app/email/thing", context=…)`` renders ``<template>_subject.txt`` (one line,
prefixed with the site's name), ``<template>_message.txt`` and ``<template>_message.html`` (which extends
``core/email/base_message.html``) and sends them through Django's email backend (``MAILERS["default"]``).
The context always has ``site_name`` and ``base_url`` (absolute links: mail is read outside the site).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def base_url() -> str:
    return settings.SCRIPTORIUM_BASE_URL.rstrip("/")


def message_build(*, to: str | Sequence[str], template: str, context: Mapping[str, object]) -> EmailMultiAlternatives:
    recipients = [to] if isinstance(to, str) else list(to)
    full = {"site_name": settings.SITE_NAME, "base_url": base_url(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"{template}_message.txt", full),
        to=recipients,
    )
    message.attach_alternative(render_to_string(f"{template}_message.html", full), "text/html")
    return message


def message_send(*, to: str | Sequence[str], template: str, context: Mapping[str, object]) -> bool:
    """Send one message to ``to`` (nothing when there is no address); True when it was handed to the backend."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    message_build(to=recipients, template=template, context=context).send()
    return True
