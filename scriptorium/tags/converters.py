"""Tag names in URLs, escaped as AO3 does: "/" is "*s*", "&" "*a*", "." "*d*", "?" "*q*", "#" "*h*"."""

from __future__ import annotations

_ESCAPES = (("*", "*x*"), ("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*"))


def tag_to_url(name: str) -> str:
    # "*" cannot occur in tag names (forbidden), but escape it anyway so the mapping is reversible.
    for raw, escaped in _ESCAPES:
        name = name.replace(raw, escaped)
    return name


def tag_from_url(value: str) -> str:
    for raw, escaped in reversed(_ESCAPES):
        value = value.replace(escaped, raw)
    return value


class TagNameConverter:
    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        return tag_from_url(value)

    def to_url(self, value: str) -> str:
        return tag_to_url(value)
