"""Languages a work can be written in (BCP 47 codes with their own names, as AO3 lists them)."""

from __future__ import annotations

LANGUAGES: dict[str, str] = {
    "ar": "العربية",
    "bg": "Български",
    "ca": "Català",
    "cs": "Čeština",
    "cy": "Cymraeg",
    "da": "Dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "eo": "Esperanto",
    "es": "Español",
    "et": "Eesti",
    "fa": "فارسی",
    "fi": "Suomi",
    "fil": "Filipino",
    "fr": "Français",
    "ga": "Gaeilge",
    "he": "עברית",
    "hi": "हिन्दी",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "id": "Bahasa Indonesia",
    "is": "Íslenska",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "la": "Lingua latina",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "ms": "Bahasa Malaysia",
    "nl": "Nederlands",
    "no": "Norsk",
    "pl": "Polski",
    "pt-BR": "Português brasileiro",
    "pt-PT": "Português europeu",
    "ro": "Română",
    "ru": "Русский",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "sr": "Српски",
    "sv": "Svenska",
    "th": "ไทย",
    "tl": "Tagalog",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "zh": "中文",
}

LANGUAGE_CHOICES: list[tuple[str, str]] = sorted(LANGUAGES.items(), key=lambda item: item[1].casefold())

#: English names (and common spellings) that importers meet, mapped to codes.
ENGLISH_NAMES: dict[str, str] = {
    "arabic": "ar",
    "bulgarian": "bg",
    "catalan": "ca",
    "czech": "cs",
    "welsh": "cy",
    "danish": "da",
    "german": "de",
    "greek": "el",
    "english": "en",
    "esperanto": "eo",
    "spanish": "es",
    "español": "es",
    "estonian": "et",
    "persian": "fa",
    "farsi": "fa",
    "finnish": "fi",
    "filipino": "fil",
    "french": "fr",
    "français": "fr",
    "irish": "ga",
    "hebrew": "he",
    "hindi": "hi",
    "croatian": "hr",
    "hungarian": "hu",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "icelandic": "is",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "latin": "la",
    "lithuanian": "lt",
    "latvian": "lv",
    "malay": "ms",
    "dutch": "nl",
    "norwegian": "no",
    "polish": "pl",
    "portuguese": "pt-BR",
    "romanian": "ro",
    "russian": "ru",
    "slovak": "sk",
    "slovenian": "sl",
    "serbian": "sr",
    "swedish": "sv",
    "thai": "th",
    "tagalog": "tl",
    "turkish": "tr",
    "ukrainian": "uk",
    "vietnamese": "vi",
    "chinese": "zh",
    "deutsch": "de",
}


def language_code(value: str) -> str | None:
    """A code for a language name or code as importers find it, or None when unknown."""
    cleaned = value.strip()
    if not cleaned:
        return None
    if cleaned in LANGUAGES:
        return cleaned
    lowered = cleaned.casefold()
    for code in LANGUAGES:
        if code.casefold() == lowered:
            return code
    if lowered in ENGLISH_NAMES:
        return ENGLISH_NAMES[lowered]
    for code, native in LANGUAGES.items():
        if native.casefold() == lowered:
            return code
    return None
