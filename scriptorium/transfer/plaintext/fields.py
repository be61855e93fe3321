"""Field values shared by the text layouts: languages, dates, genre lists, name lists."""

from __future__ import annotations

import datetime
import re

#: Language names as fiction sites print them (English and native spellings) -> BCP 47 code.
LANGUAGES: dict[str, str] = {
    "english": "en",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "german": "de",
    "deutsch": "de",
    "italian": "it",
    "italiano": "it",
    "dutch": "nl",
    "nederlands": "nl",
    "portuguese": "pt",
    "português": "pt",
    "portugues": "pt",
    "português brasileiro": "pt-BR",
    "brazilian portuguese": "pt-BR",
    "português europeu": "pt-PT",
    "russian": "ru",
    "русский": "ru",
    "polish": "pl",
    "polski": "pl",
    "chinese": "zh",
    "中文": "zh",
    "中文-普通话 國語": "zh",
    "japanese": "ja",
    "日本語": "ja",
    "korean": "ko",
    "한국어": "ko",
    "swedish": "sv",
    "svenska": "sv",
    "norwegian": "no",
    "norsk": "no",
    "danish": "da",
    "dansk": "da",
    "finnish": "fi",
    "suomi": "fi",
    "czech": "cs",
    "čeština": "cs",
    "slovak": "sk",
    "slovenčina": "sk",
    "hungarian": "hu",
    "magyar": "hu",
    "romanian": "ro",
    "română": "ro",
    "bulgarian": "bg",
    "български": "bg",
    "greek": "el",
    "ελληνικά": "el",
    "turkish": "tr",
    "türkçe": "tr",
    "hebrew": "he",
    "עברית": "he",
    "arabic": "ar",
    "العربية": "ar",
    "farsi": "fa",
    "persian": "fa",
    "فارسی": "fa",
    "hindi": "hi",
    "हिन्दी": "hi",
    "punjabi": "pa",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "malay": "ms",
    "bahasa malaysia": "ms",
    "filipino": "fil",
    "tagalog": "tl",
    "vietnamese": "vi",
    "tiếng việt": "vi",
    "thai": "th",
    "ไทย": "th",
    "ukrainian": "uk",
    "українська": "uk",
    "serbian": "sr",
    "srpski": "sr",
    "croatian": "hr",
    "hrvatski": "hr",
    "slovenian": "sl",
    "slovenščina": "sl",
    "albanian": "sq",
    "catalan": "ca",
    "català": "ca",
    "latin": "la",
    "lingua latina": "la",
    "esperanto": "eo",
    "icelandic": "is",
    "íslenska": "is",
    "estonian": "et",
    "eesti": "et",
    "latvian": "lv",
    "latviešu": "lv",
    "lithuanian": "lt",
    "lietuvių": "lt",
    "welsh": "cy",
    "cymraeg": "cy",
    "irish": "ga",
    "gaeilge": "ga",
    "scottish gaelic": "gd",
    "basque": "eu",
    "euskara": "eu",
    "galician": "gl",
    "galego": "gl",
    "afrikaans": "af",
    "swahili": "sw",
    "kiswahili": "sw",
}
_LANGUAGE_CODES = frozenset(code.split("-")[0] for code in LANGUAGES.values())
_CODE = re.compile(r"^([A-Za-z]{2,3})((?:-[A-Za-z0-9]{2,8})*)$")

#: FanFiction.Net's 21 genres, spelled as the site does.
FFN_GENRES: tuple[str, ...] = (
    "Adventure",
    "Angst",
    "Crime",
    "Drama",
    "Family",
    "Fantasy",
    "Friendship",
    "General",
    "Horror",
    "Humor",
    "Hurt/Comfort",
    "Mystery",
    "Parody",
    "Poetry",
    "Romance",
    "Sci-Fi",
    "Spiritual",
    "Supernatural",
    "Suspense",
    "Tragedy",
    "Western",
)
#: Inkitt's 14 genres (a story shows at most two).
INKITT_GENRES: tuple[str, ...] = (
    "Sci-Fi",
    "Fantasy",
    "Adventure",
    "Mystery",
    "Action",
    "Horror",
    "Humor",
    "Erotica",
    "Poetry",
    "Other",
    "Thriller",
    "Romance",
    "Children",
    "Drama",
)
_GENRE_ALIASES = {"science fiction": "Sci-Fi", "scifi": "Sci-Fi", "sci fi": "Sci-Fi", "humour": "Humor"}

_DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)


def language_code(value: str) -> str | None:
    """BCP 47 code for a language name ("English", "Español") or code ("en", "pt-BR"); None if unknown."""
    name = " ".join(value.split()).casefold()
    if not name:
        return None
    if name in LANGUAGES:
        return LANGUAGES[name]
    match = _CODE.match(value.strip())
    if match and match.group(1).lower() in _LANGUAGE_CODES:
        return match.group(1).lower() + match.group(2)
    return None


#: A time after the date ("1/5/2020, 3:12:37 AM", as FanFiction.Net's pages and tools copying them print it).
_CLOCK = re.compile(r",?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$")


def parse_date(value: str) -> datetime.date | None:
    """Read a date as fiction sites print them (FanFiction.Net M/D/YYYY, ISO, "5 May 2015"); else None."""
    text = " ".join(value.split()).strip(" .")
    for candidate in (text, _CLOCK.sub("", text)):
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def _canonical_genre(token: str, genres: tuple[str, ...]) -> str | None:
    folded = " ".join(token.split()).casefold()
    folded = _GENRE_ALIASES.get(folded, folded).casefold()
    for genre in genres:
        if genre.casefold() == folded:
            return genre
    return None


def split_ffn_genres(value: str) -> list[str] | None:
    """FanFiction.Net genres joined by "/" ("Romance/Hurt/Comfort"); None unless every part is a genre."""
    text = value.strip()
    found: list[str] = []
    while text:
        for genre in sorted(FFN_GENRES, key=len, reverse=True):
            if text.casefold().startswith(genre.casefold()):
                found.append(genre)
                text = text[len(genre) :].lstrip().removeprefix("/").lstrip()
                break
        else:
            return None
    return found or None


def split_inkitt_genres(value: str) -> list[str] | None:
    """Inkitt's "Romance / Drama" (one or two genres); None unless every part is one of Inkitt's genres."""
    parts = [part.strip() for part in value.split("/")]
    if not 1 <= len(parts) <= 2:
        return None
    genres = [_canonical_genre(part, INKITT_GENRES) for part in parts]
    if any(genre is None for genre in genres):
        return None
    return [genre for genre in genres if genre is not None]


def split_list(value: str) -> list[str]:
    """Split a comma-separated list of names or tags, dropping empties and duplicates, keeping order."""
    seen: dict[str, None] = {}
    for part in value.split(","):
        item = " ".join(part.split())
        if item:
            seen.setdefault(item, None)
    return list(seen)


def split_people(value: str) -> list[str]:
    """Creators as printed after "by": "A", "A, B", "A & B"."""
    return split_list(re.sub(r"\s+&\s+", ",", value))


def add_unique(target: list[str], items: list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)
