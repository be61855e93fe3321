"""A reading style's stylesheet and cookie (no database)."""

from __future__ import annotations

import pytest

from scriptorium.comfort.styles import DEFAULT, Style, StyleError, style_from, style_from_cookie


def test_the_default_style_adds_no_rule() -> None:
    css = DEFAULT.stylesheet()
    assert "@import" not in css
    assert "{" not in css
    assert DEFAULT.as_cookie() == ""


def test_a_forced_theme_imports_its_palette_first() -> None:
    css = Style(theme="dark").stylesheet()
    assert css.startswith('@import url("/static/scriptorium/theme-dark.css");')
    assert Style(theme="light").stylesheet().startswith('@import url("/static/scriptorium/theme-light.css");')


def test_font_size_width_and_spacing_become_variables() -> None:
    css = Style(font="sans", size="130", width="wide", spacing="loose").stylesheet()
    assert "--reading-font: system-ui" in css
    assert "font-size: 130%;" in css
    assert "--measure: 54rem;" in css
    assert "--reading-leading: 2.25;" in css


def test_the_cookie_keeps_only_what_differs_and_reads_back() -> None:
    style = Style(theme="dark", size="150")
    assert style.as_cookie() == "theme=dark&size=150"
    assert style_from_cookie(style.as_cookie()) == style


def test_a_tampered_cookie_falls_back_to_the_defaults_value_by_value() -> None:
    style = style_from_cookie("theme=dark&font=url(evil)&size=9999&width=}body{display:none")
    assert style == Style(theme="dark")
    assert "evil" not in style.stylesheet()


def test_a_form_value_outside_the_choices_is_refused() -> None:
    with pytest.raises(StyleError) as raised:
        style_from({"size": "1000"}, strict=True)
    assert raised.value.field == "size"


def test_etags_differ_between_styles() -> None:
    assert Style(theme="dark").etag() != DEFAULT.etag()
