"""Small helpers every form view uses: what to bind a form to, and where a service's refusal is shown."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict


def form_data(request: HttpRequest) -> QueryDict | None:
    """The submitted fields on a POST (even none: an unticked lone checkbox sends nothing), else None."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form: forms.Form, exc: ValidationError, renames: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: next to the field it names, else above the form.

    ``renames`` maps the service's keys to the form's field names where they differ.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    renames = renames or {}
    for key, messages in exc.message_dict.items():
        name = renames.get(key, key)
        form.add_error(name if name in form.fields else None, messages)
