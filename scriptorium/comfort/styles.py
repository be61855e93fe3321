"""A reader's style: theme, reading font, text size, line width and line spacing, and the stylesheet it makes;
with it the reader's reading speed, which the reading times on blurbs and work pages are counted in.

The style never changes a page's HTML: every page links ``/reading.css``, which is drawn per reader (from the
account, or a guest's cookie), so pages stay the same for everyone and can be shared from a cache. The values are
a closed set of choices (nothing a reader types reaches the stylesheet).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from urllib.parse import parse_qsl, urlencode

from django.templatetags.static import static

#: The guest's cookie (the same names and values as the form).
COOKIE = "reading_style"
COOKIE_AGE = 365 * 24 * 3600

THEMES = {"system": "As my device (light or dark)", "light": "Light", "dark": "Dark"}
FONTS = {
    "serif": ("Serif (Georgia, Noto Serif)", 'Georgia, "Noto Serif", "Times New Roman", serif'),
    "sans": (
        "Sans serif (system font)",
        'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
    ),
    "legible": ("Wide and legible (Verdana)", 'Verdana, "DejaVu Sans", "Noto Sans", sans-serif'),
    "mono": ("Monospace", 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", monospace'),
}
#: Text size as a share of the browser's own (the whole page scales: everything is in rem).
SIZES = {"90": "Smaller", "100": "Normal", "115": "Larger", "130": "Large", "150": "Very large", "175": "Huge"}
WIDTHS = {
    "narrow": ("Narrow", "34rem"),
    "normal": ("Normal", "42rem"),
    "wide": ("Wide", "54rem"),
    "full": ("The whole window", "none"),
}
SPACINGS = {
    "compact": ("Compact", "1.45"),
    "normal": ("Normal", "1.7"),
    "relaxed": ("Relaxed", "1.95"),
    "loose": ("Loose", "2.25"),
}

#: Words read per minute: the reading times shown on blurbs, work pages and the chapter index (``reading.py``).
SPEEDS = {
    "150": "Slow (150 words a minute)",
    "200": "Unhurried (200 words a minute)",
    "250": "Average (250 words a minute)",
    "300": "Quick (300 words a minute)",
    "400": "Fast (400 words a minute)",
    "600": "Skimming (600 words a minute)",
}


@dataclass(frozen=True)
class Style:
    theme: str = "system"
    font: str = "serif"
    size: str = "100"
    width: str = "normal"
    spacing: str = "normal"
    speed: str = "250"

    @property
    def is_default(self) -> bool:
        return self == DEFAULT

    @property
    def looks_default(self) -> bool:
        """True when the page needs no stylesheet of the reader's own (only the reading speed differs, if that)."""
        return self.stylesheet() == DEFAULT.stylesheet()

    @property
    def words_per_minute(self) -> int:
        return int(self.speed)

    def as_cookie(self) -> str:
        return urlencode([(k, v) for k, v in asdict(self).items() if v != getattr(DEFAULT, k)])

    def stylesheet(self) -> str:
        """The CSS for this style: nothing for the default, else the theme's palette and the variables."""
        lines = ["/* Your reading style (reading settings). */"]
        if self.theme in ("light", "dark"):
            # @import must come first; a forced theme overrides the (prefers-color-scheme) one linked by the page.
            lines.insert(0, f'@import url("{static(f"scriptorium/theme-{self.theme}.css")}");')
        variables = []
        if self.font != DEFAULT.font:
            variables.append(f"--reading-font: {FONTS[self.font][1]};")
        if self.width != DEFAULT.width:
            variables.append(f"--measure: {WIDTHS[self.width][1]};")
        if self.spacing != DEFAULT.spacing:
            variables.append(f"--reading-leading: {SPACINGS[self.spacing][1]};")
        if self.size != DEFAULT.size:
            variables.append(f"font-size: {self.size}%;")
        if variables:
            lines.append(":root { " + " ".join(variables) + " }")
        return "\n".join(lines) + "\n"

    def etag(self) -> str:
        return '"' + hashlib.sha256(self.stylesheet().encode()).hexdigest()[:16] + '"'


DEFAULT = Style()
CHOICES = {"theme": THEMES, "font": FONTS, "size": SIZES, "width": WIDTHS, "spacing": SPACINGS, "speed": SPEEDS}


class StyleError(ValueError):
    """A value outside the choices; ``field`` names it."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(f"{value!r} is not one of the choices for {field}.")
        self.field = field


def style_from(values: dict[str, str], *, strict: bool) -> Style:
    """A style from form or cookie values. ``strict``: an unknown value raises StyleError (a form); otherwise it
    falls back to the default (an old or tampered cookie never breaks a page)."""
    chosen = {}
    for field in fields(Style):
        value = values.get(field.name)
        if value is None or value == "":
            continue
        if value not in CHOICES[field.name]:
            if strict:
                raise StyleError(field.name, value)
            continue
        chosen[field.name] = value
    return Style(**chosen)


def style_from_cookie(raw: str | None) -> Style:
    if not raw:
        return DEFAULT
    return style_from(dict(parse_qsl(raw[:500])), strict=False)
