"""Small helpers every form view uses: what to bind a form to, where a service's refusal is shown, and the
honeypot field of the forms guests may post."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


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


#: The honeypot field's name: a box a form-filling robot is glad to fill and a person never sees.
HONEYPOT_NAME = "homepage"
#: What a filled honeypot answers: nothing about why, so a robot learns nothing.
HONEYPOT_MESSAGE = "This could not be sent. Please try again."
HONEYPOT_TEMPLATE = "core/_honeypot.html"


def honeypot_html(field_id: str, value: str = "") -> SafeString:
    """The honeypot input with its label, for templates that write their fields by hand (``field_id``: the
    input's id, unique on the page): off screen rather than ``display: none``, hidden from screen readers,
    out of the tab order and never filled in by the browser."""
    return render_to_string(HONEYPOT_TEMPLATE, {"id": field_id, "name": HONEYPOT_NAME, "value": value})


class _HoneypotInput(forms.TextInput):
    def render(self, name: str, value: object, attrs: dict | None = None, renderer: object = None) -> SafeString:
        return honeypot_html((attrs or {}).get("id") or f"id_{name}", str(value or ""))


class HoneypotMixin:
    """A hidden field (``HONEYPOT_NAME``) for a form a guest may post: when it comes back filled in, the form is
    invalid with ``HONEYPOT_MESSAGE`` above it, so the view saves nothing. Put it before ``forms.Form``:
    ``class SignupForm(HoneypotMixin, forms.Form)``. Iterating the form skips it; a template draws it with
    ``{{ form.honeypot }}`` (or ``honeypot_html`` when it writes the inputs by hand). A form may delete it from
    ``fields`` (a comment form for an account): then nothing is drawn or checked."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_NAME] = forms.CharField(
            label="Leave this box empty", required=False, strip=False, widget=_HoneypotInput
        )

    def __iter__(self):  # the bound fields, as forms.Form's, without the honeypot
        return (field for field in super().__iter__() if field.name != HONEYPOT_NAME)

    def visible_fields(self) -> list:
        return [field for field in super().visible_fields() if field.name != HONEYPOT_NAME]

    @property
    def honeypot(self) -> SafeString | str:
        return self[HONEYPOT_NAME].as_widget() if HONEYPOT_NAME in self.fields else ""

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if HONEYPOT_NAME in self.fields and self.cleaned_data.get(HONEYPOT_NAME):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return data
