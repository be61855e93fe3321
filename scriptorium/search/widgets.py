"""The search form's widgets.

The choice widgets write the same HTML as Django's templates (same attributes, same whitespace) but build it
in Python: Django renders one template per option, which made the filter panel's ~47 languages and eight
groups of checkboxes and radio buttons a large share of a listing's rendering time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


class TagNamesInput(forms.TextInput):
    """A text box of comma-separated tag names that also takes the parameter repeated (``include=a&include=b``)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return ", ".join(v.strip() for v in values if v and v.strip())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def html_attrs(attrs: Mapping[str, Any]) -> str:
    """Attributes as Django's ``attrs.html`` writes them: ``True`` bare, ``False`` left out, the rest quoted."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _select_option(option: Mapping[str, Any]) -> str:
    return (
        f'<option value="{escape(str(option["value"]))}"{html_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def _input_option(option: Mapping[str, Any]) -> str:
    value = "" if option["value"] is None else f' value="{escape(str(option["value"]))}"'
    field = (
        f'<input type="{conditional_escape(option["type"])}" name="{conditional_escape(option["name"])}"'
        f"{value}{html_attrs(option['attrs'])}>\n"
    )
    if not option["wrap_label"]:
        return field + "\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
    return f"<label{label_for}>{field} {conditional_escape(option['label'])}</label>\n\n"


class QuickSelect(forms.Select):
    """A ``<select>`` written without a template per option."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{html_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f"\n  {_select_option(option)}" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class _QuickInputs:
    """Django's ``multiple_input.html`` (checkboxes or radio buttons in ``<div>``\\ s), written in Python."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        widget_id, css = widget["attrs"].get("id"), widget["attrs"].get("class")
        parts = [
            "<div",
            f' id="{conditional_escape(widget_id)}"' if widget_id else "",
            f' class="{conditional_escape(css)}"' if css else "",
            ">",
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f"\n  <div><label>{conditional_escape(group_name)}</label>")
            parts.extend(f"<div>\n    {_input_option(option)}</div>" for option in options)
            if group_name:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class QuickCheckboxSelectMultiple(_QuickInputs, forms.CheckboxSelectMultiple):
    """Checkboxes written without a template per option."""


class QuickRadioSelect(_QuickInputs, forms.RadioSelect):
    """Radio buttons written without a template per option."""
