"""What a work skin may say: the properties, value words, functions, units and at-rules kept, modelled on AO3's
skin rules (otwarchive's ``SUPPORTED_CSS_PROPERTIES`` and keywords), tightened where a skin could reach outside
the work: nothing that loads anything (``url()``, ``@import``, ``@font-face``), nothing that runs anything
(``expression()``, ``behavior``, ``-moz-binding``), nothing that lifts text out of its place over the page
(``position`` other than static or relative, offsets, large ``z-index``, transforms).

Each refusal carries the reason the creator reads (``sanitize.py``)."""

from __future__ import annotations

#: Properties kept (with their values checked by ``sanitize``). Anything else is dropped as "not supported".
PROPERTIES = frozenset(
    {
        # Colour and backgrounds (images only as gradients: no url()).
        "color",
        "opacity",
        "background",
        "background-color",
        "background-image",
        "background-position",
        "background-repeat",
        "background-size",
        "background-clip",
        "background-origin",
        # Text and fonts.
        "font",
        "font-family",
        "font-size",
        "font-style",
        "font-variant",
        "font-weight",
        "font-stretch",
        "letter-spacing",
        "word-spacing",
        "line-height",
        "text-align",
        "text-align-last",
        "text-decoration",
        "text-decoration-color",
        "text-decoration-line",
        "text-decoration-style",
        "text-indent",
        "text-shadow",
        "text-transform",
        "white-space",
        "word-break",
        "overflow-wrap",
        "hyphens",
        "direction",
        "unicode-bidi",
        "vertical-align",
        "font-variant-caps",
        "font-variant-numeric",
        # Boxes.
        "margin",
        "margin-top",
        "margin-right",
        "margin-bottom",
        "margin-left",
        "padding",
        "padding-top",
        "padding-right",
        "padding-bottom",
        "padding-left",
        "border",
        "border-top",
        "border-right",
        "border-bottom",
        "border-left",
        "border-color",
        "border-style",
        "border-width",
        "border-top-color",
        "border-right-color",
        "border-bottom-color",
        "border-left-color",
        "border-top-style",
        "border-right-style",
        "border-bottom-style",
        "border-left-style",
        "border-top-width",
        "border-right-width",
        "border-bottom-width",
        "border-left-width",
        "border-radius",
        "border-top-left-radius",
        "border-top-right-radius",
        "border-bottom-left-radius",
        "border-bottom-right-radius",
        "border-collapse",
        "border-spacing",
        "outline",
        "outline-color",
        "outline-style",
        "outline-width",
        "box-shadow",
        "box-sizing",
        "width",
        "height",
        "min-width",
        "min-height",
        "max-width",
        "max-height",
        "display",
        "float",
        "clear",
        "overflow",
        "overflow-x",
        "overflow-y",
        "visibility",
        "position",
        "z-index",
        "cursor",
        # Lists and tables.
        "list-style",
        "list-style-type",
        "list-style-position",
        "caption-side",
        "empty-cells",
        "table-layout",
        # Flex and grid layout inside the work (chat logs, text messages, letters).
        "flex",
        "flex-basis",
        "flex-direction",
        "flex-flow",
        "flex-grow",
        "flex-shrink",
        "flex-wrap",
        "align-content",
        "align-items",
        "align-self",
        "justify-content",
        "justify-items",
        "justify-self",
        "order",
        "gap",
        "row-gap",
        "column-gap",
        "grid-template-columns",
        "grid-template-rows",
        "grid-column",
        "grid-row",
        "columns",
        "column-count",
        "column-width",
        "column-rule",
    }
)

#: Properties refused with a reason of their own (the rest: "not a property work skins support").
FORBIDDEN = {
    "behavior": "runs code in old browsers",
    "behaviour": "runs code in old browsers",
    "-moz-binding": "runs code in old browsers",
    "content": "puts text into the page that is not the work's",
    "top": "moves text out of its place (over the rest of the page)",
    "right": "moves text out of its place (over the rest of the page)",
    "bottom": "moves text out of its place (over the rest of the page)",
    "left": "moves text out of its place (over the rest of the page)",
    "inset": "moves text out of its place (over the rest of the page)",
    "transform": "moves text out of its place (over the rest of the page)",
    "translate": "moves text out of its place (over the rest of the page)",
    "filter": "can load other addresses and hide the page",
    "mask": "loads other addresses",
    "clip-path": "can hide parts of the page",
    "pointer-events": "changes what clicks reach",
    "animation": "animations are not supported (readers cannot stop them)",
    "transition": "animations are not supported (readers cannot stop them)",
    "src": "fonts from other addresses are not supported",
}

#: The only keywords kept for some properties (anything else is dropped with the reason below).
KEYWORDS_ONLY = {
    "position": (frozenset({"static", "relative"}), "only static or relative: the work cannot float over the page"),
    "display": (
        frozenset(
            {
                "none",
                "inline",
                "block",
                "inline-block",
                "flow-root",
                "flex",
                "inline-flex",
                "grid",
                "inline-grid",
                "list-item",
                "table",
                "table-row",
                "table-cell",
                "table-caption",
                "table-column",
                "table-row-group",
                "table-header-group",
                "table-footer-group",
                "inherit",
                "initial",
            }
        ),
        "not a display work skins support",
    ),
}

#: z-index is kept in this range only (a huge one is for covering the page).
Z_INDEX_MAX = 10

#: Functions kept in values (by lowercased name). ``url()`` never is: a skin loads nothing.
VALUE_FUNCTIONS = frozenset(
    {
        "rgb",
        "rgba",
        "hsl",
        "hsla",
        "hwb",
        "linear-gradient",
        "radial-gradient",
        "repeating-linear-gradient",
        "repeating-radial-gradient",
        "minmax",
        "repeat",
    }
)

#: Units of lengths and the like, with how many CSS pixels one is worth (about: em and rem at 16 px). None: not a
#: length (angles, fractions of a grid).
UNITS = {
    "px": 1.0,
    "em": 16.0,
    "rem": 16.0,
    "ex": 8.0,
    "ch": 8.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "in": 96.0,
    "cm": 37.8,
    "mm": 3.78,
    "vw": 10.0,
    "vh": 10.0,
    "vmin": 10.0,
    "vmax": 10.0,
    "deg": None,
    "turn": None,
    "fr": None,
}

#: The largest length kept, in CSS pixels (about 125 em): a 10,000 px box or font is meant to cover the page.
LENGTH_MAX_PX = 2000.0
#: The largest percentage kept for sizes (width, height, their limits): a box wider than the work spills over it.
SIZE_PERCENT_MAX = 100.0
SIZE_PROPERTIES = frozenset({"width", "height", "min-width", "min-height", "max-width", "max-height", "flex-basis"})
#: Percentages elsewhere (font-size 150%, line-height) are kept up to this.
PERCENT_MAX = 500.0

#: Strings are kept only where a value names something (a font's family); elsewhere they are text in the page.
STRING_PROPERTIES = frozenset({"font", "font-family"})

#: Selector functions kept (pseudo-classes with arguments).
SELECTOR_FUNCTIONS = frozenset(
    {
        "not",
        "is",
        "where",
        "nth-child",
        "nth-last-child",
        "nth-of-type",
        "nth-last-of-type",
        "lang",
        "dir",
    }
)

#: ``@media`` queries are kept when made of these words (and features in parentheses with plain values).
MEDIA_WORDS = frozenset({"screen", "print", "all", "and", "not", "only", "or"})
MEDIA_FEATURES = frozenset(
    {
        "min-width",
        "max-width",
        "width",
        "min-height",
        "max-height",
        "orientation",
        "prefers-color-scheme",
        "prefers-reduced-motion",
        "prefers-contrast",
        "hover",
        "pointer",
    }
)

#: At-rules refused, with the reason.
AT_RULES_REFUSED = {
    "import": "loads another stylesheet",
    "font-face": "loads fonts from other addresses",
    "namespace": "not supported in work skins",
    "charset": "not needed: skins are kept as UTF-8",
    "keyframes": "animations are not supported (readers cannot stop them)",
    "page": "not supported in work skins",
    "supports": "not supported in work skins",
    "layer": "not supported in work skins",
    "container": "not supported in work skins",
    "property": "not supported in work skins",
    "scope": "not supported in work skins (every rule is scoped to the work already)",
}

#: The id of the element that holds a work's text on its pages: every selector of a skin is scoped under it.
SCOPE = "workskin"
