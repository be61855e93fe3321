"""The operator's mapping from an eFiction archive's words to this archive's vocabulary (a TOML file).

The default ships beside this module (``default_mapping.toml``); ``--write-mapping FILE`` writes it out for
editing and ``--mapping FILE`` reads the edited one. Names match without regard to case or outer spaces.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, WARNINGS

DEFAULT_MAPPING = Path(__file__).with_name("default_mapping.toml")
FANDOM_FROM = ("category", "top")


class MappingError(Exception):
    """The mapping file cannot be used (with what is wrong, and where)."""


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _table(data: dict, name: str) -> dict[str, str]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise MappingError(f"[{name}] must be a table of names.")
    out = {}
    for key, target in value.items():
        if isinstance(target, dict):
            continue  # a sub-table ([categories.rename]), read on its own
        if not isinstance(target, str):
            raise MappingError(f"[{name}] “{key}” must be a name in quotes.")
        out[_key(key)] = target.strip()
    return out


@dataclass(frozen=True)
class Mapping:
    ratings: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    ao3_categories: dict[str, str] = field(default_factory=dict)
    fandom_from: str = "category"
    archive_fandom: str = ""
    no_category_fandom: str = "No Fandom"
    category_rename: dict[str, str] = field(default_factory=dict)
    warning_types: frozenset[str] = frozenset({"warnings"})

    def rating(self, name: str) -> str | None:
        return self.ratings.get(_key(name))

    def warning(self, name: str) -> str | None:
        return self.warnings.get(_key(name))

    def tag(self, name: str) -> str | None:
        return self.tags.get(_key(name))

    def ao3_category(self, name: str) -> str | None:
        return self.ao3_categories.get(_key(name))

    def fandom_name(self, category: str) -> str | None:
        """The fandom a category becomes; "" when the mapping makes it a tag, None when not renamed."""
        return self.category_rename.get(_key(category))

    def is_warning_type(self, type_name: str) -> bool:
        return _key(type_name) in self.warning_types


def mapping_load(path: Path | None = None) -> Mapping:
    """The mapping in ``path`` (default: the one shipped), checked against the fixed vocabularies."""
    source = path or DEFAULT_MAPPING
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"Cannot read the mapping file {source}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"The mapping file {source} is not valid TOML: {exc}") from exc
    ratings = _table(data, "ratings")
    warnings = _table(data, "warnings")
    categories = _table(data, "ao3_categories")
    problems = [
        f"[ratings] “{k}” = “{v}” is not a rating here ({', '.join(RATINGS)})"
        for k, v in ratings.items()
        if v not in RATINGS
    ]
    problems += [
        f"[warnings] “{k}” = “{v}” is not an archive warning" for k, v in warnings.items() if v and v not in WARNINGS
    ]
    problems += [
        f"[ao3_categories] “{k}” = “{v}” is not a category ({', '.join(CATEGORIES)})"
        for k, v in categories.items()
        if v not in CATEGORIES
    ]
    section = data.get("categories", {})
    fandom_from = str(section.get("fandom_from", "category"))
    if fandom_from not in FANDOM_FROM:
        problems.append(f"[categories] fandom_from must be one of {', '.join(FANDOM_FROM)} (not “{fandom_from}”)")
    types = data.get("classtypes", {}).get("warning_types", ["warnings"])
    if not isinstance(types, list):
        problems.append("[classtypes] warning_types must be a list of names")
        types = []
    if problems:
        raise MappingError(f"The mapping file {source} has mistakes:\n- " + "\n- ".join(problems))
    rename = section.get("rename", {})
    return Mapping(
        ratings=ratings,
        warnings=warnings,
        tags=_table(data, "tags"),
        ao3_categories=categories,
        fandom_from=fandom_from,
        archive_fandom=str(section.get("archive_fandom", "")).strip(),
        no_category_fandom=str(section.get("no_category_fandom", "No Fandom")).strip(),
        category_rename={_key(k): str(v).strip() for k, v in rename.items()} if isinstance(rename, dict) else {},
        warning_types=frozenset(_key(str(t)) for t in types),
    )


def mapping_write(path: Path) -> None:
    """Write the shipped mapping to ``path`` for the operator to edit (never over an existing file)."""
    if path.exists():
        raise MappingError(f"{path} exists already; choose another name or remove it first.")
    path.write_text(DEFAULT_MAPPING.read_text(encoding="utf-8"), encoding="utf-8")
