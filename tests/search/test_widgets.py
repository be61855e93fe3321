"""The search form's quick choice widgets write exactly what Django's template widgets write."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict

from scriptorium.search.forms import SearchForm
from scriptorium.search.widgets import QuickCheckboxSelectMultiple, QuickRadioSelect, QuickSelect

CHOICES = [("", "Any"), ('a<b"', 'Quote " & <x>'), ("x", "X"), ("Group & co", [("g1", "G one"), ("g2", "G two")])]
PAIRS = [
    (QuickSelect, forms.Select),
    (QuickCheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    (QuickRadioSelect, forms.RadioSelect),
]
ATTRS = [None, {"id": "id_f", "aria-describedby": "id_f_helptext", "required": True, "class": "a b", "data-off": False}]


@pytest.mark.parametrize(("quick", "django_widget"), PAIRS)
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", ["", "x", ['a<b"', "g2"], None])
def test_quick_widgets_match_django(quick, django_widget, attrs, value) -> None:
    expected = django_widget(choices=CHOICES).render("f", value, attrs)

    assert quick(choices=CHOICES).render("f", value, attrs) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "language=es&rating=Mature&rating=Explicit&crossover=only&complete=complete", "language=zz&crossover=no"],
)
def test_the_panel_fields_render_as_before(query: str) -> None:
    form = SearchForm(QueryDict(query))
    form.is_valid()
    originals = {
        QuickSelect: forms.Select,
        QuickCheckboxSelectMultiple: forms.CheckboxSelectMultiple,
        QuickRadioSelect: forms.RadioSelect,
    }
    quick_fields = [name for name, field in form.fields.items() if type(field.widget) in originals]
    assert {"language", "sort", "rating", "warning", "crossover", "complete"} <= set(quick_fields)
    for name in quick_fields:
        field = form.fields[name]
        quick = str(form[name])
        field.widget = originals[type(field.widget)](attrs=field.widget.attrs, choices=field.widget.choices)
        assert quick == str(form[name]), name
