"""One pass over the text: tokens, and every name of the knowledge found among them.

Names are looked up token by token in a dictionary keyed by the folded tokens of each name (the longest name
starting at a token wins), which is what an Aho–Corasick automaton does for whole words, in linear time.
A name written with a capital must be capitalised in the text ("Cap" is a nickname, "cap" a word); a weak
one-word name that opens a sentence is skipped when the same word also occurs in lower case ("Will you…").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from scriptorium.suggest.knowledge import Entry, Knowledge
from scriptorium.suggest.textsource import Document, Part

_TOKEN = re.compile(r"\w+")
_SENTENCE_OPENERS = frozenset(".!?\"“”‘'—–:;(*\n")
_QUOTES = ('"', "“", "”")
#: The most text allowed between two words of one name ("T'Challa", "S.H.I.E.L.D.", "Spider-Man").
_GAP = re.compile(r"[\s.'’\-]{1,3}")
#: How far into the first chapter a ship name still reads as part of the summary.
TOP_CHARS = 1500


@dataclass(slots=True)
class Mention:
    part: int
    start: int
    end: int
    token: int
    entries: tuple[Entry, ...]
    header: bool
    dialogue: bool
    paragraph: int


class Scan:
    """The tokens of a document (parallel lists, global token numbers) and the names found in them."""

    def __init__(self, document: Document, knowledge: Knowledge) -> None:
        self.document = document
        self.parts: dict[int, Part] = {p.index: p for p in document.parts}
        self.part_of: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.capital: list[bool] = []
        self.lowercase: set[str] = set()
        # Quotes counted so far on a line, per (part, line start): (offset reached, count). Mentions come in text
        # order, so each line is counted once however many names it holds (a one-line 5 MB paste stays linear).
        self._quotes_seen: dict[tuple[int, int], tuple[int, int]] = {}
        self._breaks: dict[int, list[int]] = {}
        for part in document.parts:
            for match in _TOKEN.finditer(part.text):
                word = match.group()
                folded = word.casefold()
                self.part_of.append(part.index)
                self.starts.append(match.start())
                self.ends.append(match.end())
                self.words.append(folded)
                first = word[0]
                self.capital.append(first.isupper())
                if word == folded and first.isalpha():
                    self.lowercase.add(folded)
        self.mentions: list[Mention] = self._match(knowledge)

    def __len__(self) -> int:
        return len(self.words)

    def in_header(self, part_index: int, offset: int) -> bool:
        part = self.parts[part_index]
        return part_index == 0 or offset < part.header_end

    def in_top(self, part_index: int, offset: int) -> bool:
        """The header, or the first lines of the first chapter, where dumps put their summary."""
        return part_index == 0 or (part_index == 1 and offset < max(self.parts[1].header_end, TOP_CHARS))

    def in_dialogue(self, part_index: int, offset: int) -> bool:
        return self._quotes_before(part_index, self._line_start(part_index, offset), offset) % 2 == 1

    def _line_start(self, part_index: int, offset: int) -> int:
        """Where the line holding ``offset`` begins (found by bisection: no scan back over a very long line)."""
        breaks = self._breaks.get(part_index)
        if breaks is None:
            text = self.parts[part_index].text
            breaks = self._breaks[part_index] = [m.start() for m in re.finditer("\n", text)]
        return breaks[bisect.bisect_left(breaks, offset) - 1] + 1 if breaks and breaks[0] < offset else 0

    def _quotes_before(self, part_index: int, line_start: int, offset: int) -> int:
        """How many quotation marks stand between the line's start and ``offset``."""
        reached, count = self._quotes_seen.get((part_index, line_start), (line_start, 0))
        if offset < reached:
            reached, count = line_start, 0
        between = self.parts[part_index].text[reached:offset]
        count += sum(between.count(q) for q in _QUOTES)
        self._quotes_seen[(part_index, line_start)] = (offset, count)
        return count

    def sentence_start(self, index: int) -> bool:
        text = self.parts[self.part_of[index]].text
        position = self.starts[index] - 1
        while position >= 0 and text[position] in " \t":
            position -= 1
        return position < 0 or text[position] in _SENTENCE_OPENERS

    def _joined(self, i: int, k: int) -> bool:
        """Whether tokens i…i+k-1 sit in one part, separated only by short gaps, as one name."""
        part = self.part_of[i]
        text = self.parts[part].text
        for j in range(i, i + k - 1):
            if self.part_of[j + 1] != part or not _GAP.fullmatch(text, self.ends[j], self.starts[j + 1]):
                return False
        return True

    def _usable(self, i: int, k: int, entries: list[Entry]) -> tuple[Entry, ...]:
        kept = [e for e in entries if not e.capitalised or self.capital[i + k - 1]]
        weak = k == 1 and kept and any(e.strength < 0.9 for e in kept)
        if weak and self.words[i] in self.lowercase and self.sentence_start(i):
            kept = [e for e in kept if e.strength >= 0.9]
        return tuple(kept)

    def _match(self, knowledge: Knowledge) -> list[Mention]:
        index, longest = knowledge.index, knowledge.longest
        words, n = self.words, len(self.words)
        found: list[Mention] = []
        i = 0
        while i < n:
            most = longest.get(words[i])
            if not most:
                i += 1
                continue
            step = 1
            for k in range(min(most, n - i), 0, -1):
                entries = index.get(tuple(words[i : i + k]))
                if not entries or (k > 1 and not self._joined(i, k)):
                    continue
                usable = self._usable(i, k, entries)
                if usable:
                    found.append(self._mention(i, k, usable))
                    step = k
                    break
            i += step
        return found

    def _mention(self, i: int, k: int, entries: tuple[Entry, ...]) -> Mention:
        part_index = self.part_of[i]
        start, end = self.starts[i], self.ends[i + k - 1]
        line_start = self._line_start(part_index, start)
        dialogue = self._quotes_before(part_index, line_start, start) % 2 == 1
        paragraph = part_index * 1_000_000 + line_start
        return Mention(part_index, start, end, i, entries, self.in_header(part_index, start), dialogue, paragraph)

    def excerpt(self, part_index: int, start: int, end: int, width: int = 70) -> str:
        text = self.parts[part_index].text
        left = max(0, start - width)
        right = min(len(text), end + width)
        snippet = " ".join(text[left:right].split())
        return ("…" if left else "") + snippet + ("…" if right < len(text) else "")
