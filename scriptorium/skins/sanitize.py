"""A work skin's CSS, kept as far as the allow-list (``allowlist.py``) allows and scoped under the work.

The submitted text is parsed by tinycss2 (comments dropped, escapes decoded, so ``\\75 rl(`` is the ``url(`` it
spells and ``ex/**/pression(`` is two harmless words) and the kept CSS is written again from the parse tree, never
copied from the input. Every selector is put under ``#workskin`` (the element around the work's text), so a skin
can style the work and nothing else: ``body``, ``#header`` or ``*`` become ``#workskin body``… Every declaration
or rule left out is listed back with its line and the reason; the rest is kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

from scriptorium.skins import allowlist as allowed

#: First in every kept skin: what a skin draws stays inside the work's box (paint containment clips it there and
#: makes the box the containing block of anything positioned), whatever its rules say.
GUARD = (
    f"/* Work skin, kept by the archive's allow-list. */\n#{allowed.SCOPE} {{ contain: paint; isolation: isolate; }}"
)

#: The longest skin taken (AO3 keeps skins this small too): a larger one is refused whole by the form.
CSS_MAX = 50_000
_SHOWN_MAX = 120


@dataclass(frozen=True)
class Dropped:
    """A declaration or rule left out of a skin: where (line), what (as parsed), why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class SanitizedSkin:
    css: str
    dropped: tuple[Dropped, ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.css.encode()).hexdigest()[:16]


def css_sanitize(source: str) -> SanitizedSkin:
    """The kept CSS of ``source`` (scoped, re-serialized) and what was left out."""
    dropped: list[Dropped] = []
    blocks: list[str] = []
    for rule in tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True):
        blocks.extend(_rule(rule, dropped, in_media=False))
    return SanitizedSkin(css="\n\n".join([GUARD, *blocks]) + "\n", dropped=tuple(dropped))


def _shown(nodes: list | str) -> str:
    text = nodes if isinstance(nodes, str) else tinycss2.serialize(nodes)
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _rule(rule: ast.Node, dropped: list[Dropped], *, in_media: bool) -> list[str]:
    if rule.type == "error":
        dropped.append(Dropped(rule.source_line, "", f"This part could not be read as CSS ({rule.message})."))
        return []
    if rule.type == "at-rule":
        return _at_rule(rule, dropped, in_media=in_media)
    if rule.type != "qualified-rule":
        return []
    selectors = _selectors(rule, dropped)
    if not selectors:
        return []
    root = any(is_root for _, is_root in selectors)
    declarations = _declarations(rule.content, dropped, root=root)
    if not declarations:
        return []
    return [",\n".join(text for text, _ in selectors) + " {\n" + "".join(f"  {d};\n" for d in declarations) + "}"]


def _at_rule(rule: ast.AtRule, dropped: list[Dropped], *, in_media: bool) -> list[str]:
    name = rule.lower_at_keyword
    shown = _shown(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}")
    if name != "media":
        reason = allowed.AT_RULES_REFUSED.get(name, "not supported in work skins")
        dropped.append(Dropped(rule.source_line, shown, f"@{name}: {reason}."))
        return []
    if in_media:
        dropped.append(Dropped(rule.source_line, shown, "@media inside @media is not supported."))
        return []
    query = _media_query(rule.prelude)
    if query is None or rule.content is None:
        dropped.append(
            Dropped(
                rule.source_line,
                shown,
                "Only @media by screen or print and by width, height, orientation, colour scheme, reduced motion, "
                "contrast, hover or pointer is kept (with the rules inside it).",
            )
        )
        return []
    inner = []
    for child in tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True):
        inner.extend(_rule(child, dropped, in_media=True))
    if not inner:
        return []
    body = "\n\n".join("\n".join(f"  {line}" for line in block.splitlines()) for block in inner)
    return [f"@media {query} {{\n{body}\n}}"]


def _media_query(prelude: list[ast.Node]) -> str | None:
    for token in prelude:
        if token.type in ("whitespace", "comment"):
            continue
        if token.type == "ident" and token.lower_value in allowed.MEDIA_WORDS:
            continue
        if token.type == "literal" and token.value == ",":
            continue
        if token.type == "() block" and _media_feature_ok(token.content):
            continue
        return None
    query = tinycss2.serialize(prelude).strip()
    return " ".join(query.split()) or None


def _media_feature_ok(content: list[ast.Node]) -> bool:
    meaningful = [t for t in content if t.type not in ("whitespace", "comment")]
    if not meaningful or meaningful[0].type != "ident" or meaningful[0].lower_value not in allowed.MEDIA_FEATURES:
        return False
    rest = meaningful[1:]
    if not rest:
        return True
    if rest[0].type != "literal" or rest[0].value != ":":
        return False
    return bool(rest[1:]) and all(t.type in ("ident", "number", "dimension") for t in rest[1:])


# Selectors ------------------------------------------------------------------------------------------------------

_SELECTOR_LITERALS = frozenset({".", ":", ">", "+", "~", "*"})
_ATTRIBUTE_LITERALS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})
_SIBLING = frozenset({"+", "~"})


def _split(tokens: list[ast.Node]) -> list[list[ast.Node]]:
    parts: list[list[ast.Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [_strip(p) for p in parts]


def _strip(tokens: list[ast.Node]) -> list[ast.Node]:
    tokens = [t for t in tokens if t.type != "comment"]
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    return tokens


def _selector_token_ok(token: ast.Node) -> bool:
    if token.type in ("whitespace", "ident", "hash"):
        return True
    if token.type == "literal":
        return token.value in _SELECTOR_LITERALS
    if token.type == "[] block":
        return all(
            t.type in ("whitespace", "ident", "string") or (t.type == "literal" and t.value in _ATTRIBUTE_LITERALS)
            for t in token.content
        )
    if token.type == "function":
        if token.lower_name not in allowed.SELECTOR_FUNCTIONS:
            return False
        return all(
            t.type in ("number", "dimension", "literal", "ident", "hash", "whitespace", "string")
            or _selector_token_ok(t)
            for t in token.arguments
        )
    return False


def _scoped(tokens: list[ast.Node]) -> tuple[str, bool]:
    """The selector under ``#workskin``, and whether it styles ``#workskin`` itself. Kept as written when it
    already starts there (``#workskin p``, the work itself), unless it then steps to a sibling (``#workskin ~
    #footer`` would leave the work)."""
    text = tinycss2.serialize(tokens).strip()
    first = tokens[0]
    if first.type == "hash" and first.value == allowed.SCOPE:
        rest = tokens[1:]
        while rest and rest[0].type != "whitespace" and not (rest[0].type == "literal" and rest[0].value in "+~>"):
            rest = rest[1:]  # the rest of the first compound selector (#workskin.class:hover)
        rest = [t for t in rest if t.type != "whitespace"]
        if not rest:
            return text, True
        if not (rest[0].type == "literal" and rest[0].value in _SIBLING):
            return text, False
    return f"#{allowed.SCOPE} {text}", False


def _selectors(rule: ast.QualifiedRule, dropped: list[Dropped]) -> list[tuple[str, bool]]:
    kept = []
    for tokens in _split(rule.prelude):
        if not tokens:
            dropped.append(Dropped(rule.source_line, _shown(rule.prelude), "An empty selector."))
            continue
        if not all(_selector_token_ok(t) for t in tokens):
            dropped.append(
                Dropped(
                    rule.source_line,
                    _shown(tokens),
                    "Not a selector work skins support (elements, classes, ids, attributes and pseudo-classes "
                    "are): the rule is left out for it.",
                )
            )
            continue
        kept.append(_scoped(tokens))
    return list(dict.fromkeys(kept))


# Declarations ---------------------------------------------------------------------------------------------------


def _declarations(content: list[ast.Node] | None, dropped: list[Dropped], *, root: bool) -> list[str]:
    """The kept declarations of a rule. ``root``: the rule styles ``#workskin`` itself, which may not be moved by a
    negative margin (its paint containment keeps what is inside it in its box, but not the box)."""
    kept = []
    for item in tinycss2.parse_blocks_contents(content or [], skip_comments=True, skip_whitespace=True):
        if item.type == "error":
            dropped.append(Dropped(item.source_line, "", f"This part could not be read as CSS ({item.message})."))
            continue
        if item.type != "declaration":
            dropped.append(Dropped(item.source_line, _shown([item]), "Rules inside rules are not supported."))
            continue
        value = _strip(item.value)
        shown = _shown(f"{item.name}: {tinycss2.serialize(value)}{' !important' if item.important else ''}")
        reason = _declaration_problem(item.lower_name, value)
        if not reason and root and item.lower_name.startswith("margin") and _negative(value):
            reason = (
                f"{item.lower_name}: a negative margin on #{allowed.SCOPE} itself would move the work over the page."
            )
        if reason:
            dropped.append(Dropped(item.source_line, shown, reason))
            continue
        kept.append(f"{item.lower_name}: {tinycss2.serialize(value)}{' !important' if item.important else ''}")
    return kept


def _declaration_problem(name: str, value: list[ast.Node]) -> str | None:
    if name.startswith("--"):
        return "Custom properties (--name) are not supported."
    if name in allowed.FORBIDDEN:
        return f"{name}: {allowed.FORBIDDEN[name]}."
    if name not in allowed.PROPERTIES:
        return f"{name} is not a property work skins support."
    if not value:
        return f"{name} has no value."
    if name in allowed.KEYWORDS_ONLY:
        words, why = allowed.KEYWORDS_ONLY[name]
        if len(value) != 1 or value[0].type != "ident" or value[0].lower_value not in words:
            return f"{name}: {why}."
        return None
    if name == "z-index":
        token = value[0]
        if len(value) == 1 and token.type == "ident" and token.lower_value in ("auto", "inherit", "initial"):
            return None
        if len(value) != 1 or token.type != "number" or not token.is_integer:
            return "z-index: a whole number is needed."
        if abs(token.int_value) > allowed.Z_INDEX_MAX:
            return f"z-index: at most {allowed.Z_INDEX_MAX} (a larger one is for covering the page)."
        return None
    for token in value:
        problem = _value_token_problem(name, token)
        if problem:
            return problem
    return None


def _negative(value: list[ast.Node]) -> bool:
    return any(t.type in ("number", "dimension", "percentage") and t.value < 0 for t in value)


_LOADING_FUNCTIONS = frozenset({"url", "image", "image-set", "-webkit-image-set", "cross-fade", "element", "src"})


def _value_token_problem(name: str, token: ast.Node) -> str | None:
    kind = token.type
    if kind in ("whitespace", "ident", "number", "hash"):
        return None
    if kind == "percentage":
        limit = allowed.SIZE_PERCENT_MAX if name in allowed.SIZE_PROPERTIES else allowed.PERCENT_MAX
        if abs(token.value) > limit:
            return f"{name}: at most {limit:g}% (a larger one spills over the page)."
        return None
    if kind == "dimension":
        unit = token.lower_unit
        if unit not in allowed.UNITS:
            return f"{name}: the unit “{unit}” is not supported."
        factor = allowed.UNITS[unit]
        if factor is not None and abs(token.value) * factor > allowed.LENGTH_MAX_PX:
            return f"{name}: too large (at most {allowed.LENGTH_MAX_PX:g}px, about 125em)."
        return None
    if kind == "string":
        return None if name in allowed.STRING_PROPERTIES else f"{name}: text in quotes is not supported here."
    if kind == "literal":
        return None if token.value in (",", "/") else f"{name}: “{token.value}” is not supported in values."
    if kind == "url" or (kind == "error" and token.kind == "bad-url"):
        return f"{name}: url() loads something from elsewhere; work skins load nothing (use none)."
    if kind == "function":
        function = token.lower_name
        if function == "expression":
            return f"{name}: expression() runs code."
        if function in _LOADING_FUNCTIONS:
            return f"{name}: {function}() loads something from elsewhere; work skins load nothing (use none)."
        if function not in allowed.VALUE_FUNCTIONS:
            return f"{name}: {function}() is not a function work skins support."
        for argument in token.arguments:
            problem = _value_token_problem(name, argument)
            if problem:
                return problem
        return None
    if kind == "error":
        return f"{name}: this value could not be read."
    return f"{name}: brackets are not supported in values."
