"""A typographic cover for each work (works have no uploaded covers): title, creators and fandom set on a plain
field whose colour follows the rating, drawn with Pillow as a PNG.

Files are kept under the data directory (``opds/covers/``), named by a hash of everything drawn, so a new title or
a change of creators makes a new file and an unchanged work never draws again. Fonts: DejaVu Serif/Sans for most
scripts, Noto CJK for Chinese, Japanese and Korean (``fonts-noto-cjk``); without them Pillow's own font."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, NOT_RATED, TEEN
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import Work

#: Bump when the drawing changes, so every cached cover is drawn again.
DESIGN = 1
FULL = (600, 900)
THUMBNAIL = (200, 300)
SIZES = {"full": FULL, "thumbnail": THUMBNAIL}
#: Field and accent colours per rating (dark fields, light text: contrast above 7:1).
PALETTE = {
    GENERAL: ((28, 61, 52), (214, 236, 222)),
    TEEN: ((31, 52, 84), (214, 226, 244)),
    MATURE: ((84, 48, 22), (246, 226, 204)),
    EXPLICIT: ((92, 24, 32), (248, 214, 218)),
    NOT_RATED: ((48, 48, 56), (228, 228, 234)),
}
INK = (252, 250, 245)
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/opentype/noto"))


@dataclass(frozen=True)
class CoverText:
    title: str
    creators: str
    fandom: str
    rating: str

    @property
    def key(self) -> str:
        raw = "\x1f".join((str(DESIGN), self.title, self.creators, self.fandom, self.rating))
        return hashlib.sha256(raw.encode()).hexdigest()[:24]


def cover_text(work: Work) -> CoverText:
    """What the cover of ``work`` shows (its creators and tags prefetched, as the catalog's works are)."""
    creators = ", ".join(author.name for author in byline_of(work).authors)
    fandoms = [t.tag.name for t in work.taggings.all() if t.tag.type == "fandom"]
    fandom = fandoms[0] if len(fandoms) == 1 else (f"{fandoms[0]} and more" if fandoms else "")
    return CoverText(title=work.title, creators=creators, fandom=fandom, rating=work.rating)


CJK_RANGES = (
    ("\u3040", "\u30ff"),
    ("\u3400", "\u9fff"),
    ("\uac00", "\ud7af"),
    ("\uf900", "\ufaff"),
    ("\uff00", "\uffef"),
)


def _needs_cjk(text: str) -> bool:
    return any(low <= ch <= high for ch in text if not ch.isascii() for low, high in CJK_RANGES)


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for directory in FONT_DIRS:
        path = directory / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _fonts(text: CoverText, scale: float) -> tuple:
    """Fonts for the title, the creators and the fandom."""
    if _needs_cjk(text.title + text.creators + text.fandom):
        title, body = "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"
    else:
        title, body = "DejaVuSerif-Bold.ttf", "DejaVuSans.ttf"
    return _font(title, int(54 * scale)), _font(body, int(30 * scale)), _font(body, int(24 * scale))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (by words; a word too long, or CJK text, by characters), the
    last one cut with an ellipsis when more would not fit."""
    lines: list[str] = []
    current = ""
    units = text.split(" ") if " " in text.strip() else list(text)
    joiner = " " if " " in text.strip() else ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if draw.textlength(candidate, font=font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = unit
        while draw.textlength(current, font=font) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and draw.textlength(current[:cut], font=font) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def draw_cover(text: CoverText, size: tuple[int, int] = FULL) -> bytes:
    """The cover as PNG bytes."""
    width, height = size
    scale = width / FULL[0]
    field, accent = PALETTE.get(text.rating, PALETTE[NOT_RATED])
    image = Image.new("RGB", size, field)
    draw = ImageDraw.Draw(image)
    margin = int(48 * scale)
    inner = width - 2 * margin
    rule = max(1, int(3 * scale))
    draw.rectangle((margin // 2, margin // 2, width - margin // 2, height - margin // 2), outline=accent, width=rule)
    title_font, creator_font, small_font = _fonts(text, scale)
    y = int(150 * scale)
    for line in _wrap(draw, text.title or "Untitled", title_font, inner, 6):
        draw.text((width / 2, y), line, font=title_font, fill=INK, anchor="ma")
        y += int(68 * scale)
    y += int(24 * scale)
    draw.line((width / 2 - 60 * scale, y, width / 2 + 60 * scale, y), fill=accent, width=rule)
    y += int(36 * scale)
    for line in _wrap(draw, text.creators, creator_font, inner, 3):
        draw.text((width / 2, y), line, font=creator_font, fill=accent, anchor="ma")
        y += int(40 * scale)
    bottom = height - int(110 * scale)
    for index, line in enumerate(_wrap(draw, text.fandom, small_font, inner, 2)):
        draw.text((width / 2, bottom + index * int(32 * scale)), line, font=small_font, fill=accent, anchor="ma")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cover_dir() -> Path:
    return Path(settings.DATA_DIR) / "opds" / "covers"


def cover_file(text: CoverText, variant: str) -> Path:
    """The cover's file, drawn now unless an identical one was drawn before (written whole, then renamed, so a
    reader never gets half a file)."""
    size = SIZES[variant]
    path = cover_dir() / f"{text.key}-{size[0]}x{size[1]}.png"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = draw_cover(text, size)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return path
