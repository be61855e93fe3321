"""The benchmark's vocabulary and the text made from it: no prose is copied, every sentence is drawn word by word.

The word list is ranked: English function words first, then common English content words (facts: single
words), then a long tail of made-up words built from syllables. Words are drawn with Zipf's law over the ranks
(the share of the word of rank r is proportional to 1 / r^1.07), which is how word frequencies fall in real
text. The list is the same whatever the corpus seed, so ``bench search`` knows it without asking the corpus.

Two kinds of planted text give queries with known, small hit lists: ``RARE_WORDS`` (made-up words that the
Zipf draw never produces; each work has one of them with probability ``RARE_WORD_SHARE``) and ``PHRASES`` (three
ordinary words in a fixed order; one of them goes into a work with probability ``PHRASE_SHARE``).
"""

from __future__ import annotations

import bisect
import itertools
import random
from functools import cache

# fmt: off
FUNCTION_WORDS = (
    "the", "and", "to", "of", "a", "he", "she", "was", "in", "it", "his", "her", "that", "i", "you", "with",
    "had", "for", "on", "at", "as", "but", "they", "not", "him", "be", "were", "have", "from", "all", "so",
    "there", "what", "this", "out", "up", "would", "could", "into", "then", "if", "like", "when", "one",
    "about", "no", "back", "just", "over", "only",
)
#: Common content words (not stop words in any search engine), most frequent first, roughly.
CONTENT_WORDS = (
    "said", "know", "time", "eyes", "hand", "looked", "face", "head", "room", "thought", "door", "way",
    "something", "right", "going", "night", "voice", "away", "around", "little", "smile", "hands", "still",
    "never", "light", "think", "want", "felt", "turned", "moment", "long", "good", "again", "last", "body",
    "always", "asked", "first", "feel", "heart", "nothing", "breath", "told", "better", "mind", "day", "make",
    "tell", "hair", "left", "bed", "morning", "words", "anything", "almost", "enough", "years", "house",
    "things", "open", "world", "side", "floor", "window", "quiet", "warm", "cold", "dark", "table", "mouth",
    "shoulder", "water", "fingers", "arms", "behind", "people", "kitchen", "slowly", "softly", "coffee",
    "morning", "silence", "laugh", "chest", "home", "city", "road", "sky", "rain", "snow", "fire", "stars",
    "music", "letter", "book", "name", "friend", "family", "brother", "sister", "mother", "father", "king",
    "queen", "ship", "sword", "magic", "castle", "forest", "river", "garden", "train", "station", "street",
    "window", "winter", "summer", "autumn", "spring", "tea", "bread", "wine", "blood", "bones", "storm",
    "wind", "ocean", "shore", "harbor", "lantern", "candle", "mirror", "key", "lock", "map", "journey",
    "promise", "secret", "memory", "dream", "question", "answer", "truth", "lie", "war", "peace", "battle",
    "armor", "shield", "crown", "throne", "tower", "bridge", "wall", "gate", "field", "hill", "mountain",
    "valley", "village", "market", "school", "office", "hospital", "library", "museum", "theater", "gallery",
    "phone", "message", "screen", "camera", "photograph", "jacket", "scarf", "boots", "ring", "necklace",
    "feather", "stone", "glass", "silver", "golden", "copper", "iron", "velvet", "paper", "ink", "pen",
    "quill", "violin", "piano", "song", "dance", "festival", "holiday", "birthday", "wedding", "funeral",
    "kiss", "touch", "whisper", "shout", "tremble", "hesitate", "wonder", "remember", "forget", "forgive",
    "breathe", "sleep", "wake", "run", "walk", "climb", "fall", "fly", "swim", "drown", "burn", "freeze",
    "gentle", "fierce", "quietly", "suddenly", "carefully", "finally", "tired", "hungry", "afraid", "brave",
)
# fmt: on
#: Parts of the made-up words.
_ONSETS = (
    "b",
    "br",
    "c",
    "cr",
    "d",
    "dr",
    "f",
    "fl",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "qu",
    "r",
    "s",
    "sh",
    "st",
    "t",
    "th",
    "tr",
    "v",
    "w",
    "y",
    "z",
)  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ie", "ou", "y")
_CODAS = ("", "", "n", "r", "l", "s", "th", "nd", "st", "m", "x", "sk")

TAIL_WORDS = 40_000
ZIPF_EXPONENT = 1.07
#: Each work holds one rare word with this probability (so each of the 24 is in about 0.2 % of works).
RARE_WORD_SHARE = 0.05
#: Each work holds one planted phrase with this probability (so each of the 12 is in about 1 % of works).
PHRASE_SHARE = 0.12
#: Resolution of the fast draw table (2^20 slots: ranks past ~90,000 would get no slot, the list is shorter).
_TABLE_BITS = 20


def _made_up(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


@cache
def vocabulary() -> tuple[str, ...]:
    """Every word the Zipf draw can produce, most frequent first (fixed: the same on every run)."""
    words = list(dict.fromkeys(FUNCTION_WORDS + CONTENT_WORDS))
    seen = set(words)
    rng = random.Random(20261125)
    while len(words) < len(FUNCTION_WORDS) + len(CONTENT_WORDS) + TAIL_WORDS:
        word = _made_up(rng, rng.choice((2, 2, 3)))
        if len(word) > 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


@cache
def rare_words() -> tuple[str, ...]:
    """24 made-up words of four syllables that the Zipf draw never yields: each is in about 0.2 % of works."""
    common = set(vocabulary())
    rng = random.Random(7_000_001)
    found: list[str] = []
    while len(found) < 24:
        word = _made_up(rng, 4)
        if word not in common and word not in found:
            found.append(word)
    return tuple(found)


@cache
def phrases() -> tuple[tuple[str, ...], ...]:
    """12 three-word phrases of ordinary content words: each word is common, the phrase in order is not."""
    rng = random.Random(7_000_002)
    pool = list(CONTENT_WORDS[60:])
    return tuple(tuple(rng.sample(pool, 3)) for _ in range(12))


def common_words(count: int = 12) -> tuple[str, ...]:
    """The most frequent content words (search engines index all of them; function words may be stop words)."""
    return tuple(dict.fromkeys(CONTENT_WORDS))[:count]


@cache
def _cumulative() -> tuple[float, ...]:
    weights = (1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(vocabulary()) + 1))
    return tuple(itertools.accumulate(weights))


@cache
def _table() -> tuple[str, ...]:
    """Slot i holds the word whose cumulative share covers (i + 0.5) / 2^20: a draw is one random index."""
    cumulative = _cumulative()
    total = cumulative[-1]
    words = vocabulary()
    size = 1 << _TABLE_BITS
    return tuple(words[bisect.bisect_left(cumulative, (i + 0.5) / size * total)] for i in range(size))


def draw_words(rng: random.Random, count: int) -> list[str]:
    """``count`` words drawn by Zipf's law, fast: one random byte string, four bytes per word."""
    if count <= 0:
        return []
    table = _table()
    shift = 32 - _TABLE_BITS
    raw = memoryview(rng.randbytes(4 * count)).cast("I")
    return [table[value >> shift] for value in raw]


def sentence_text(rng: random.Random, count: int) -> str:
    """A plain line of ``count`` words, first letter capitalised, ending with a full stop (titles, summaries)."""
    words = draw_words(rng, count)
    if not words:
        return ""
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraphs_html(words: list[str], rng: random.Random) -> str:
    """Chapter HTML: the words in paragraphs of 40–160 words, each a <p> with a capital and a full stop."""
    parts: list[str] = []
    start = 0
    while start < len(words):
        end = start + rng.randint(40, 160)
        text = " ".join(words[start:end])
        parts.append(f"<p>{text[0].upper()}{text[1:]}.</p>")
        start = end
    return "\n".join(parts)
