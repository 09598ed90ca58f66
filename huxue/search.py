"""Find rows by what a planner types: characters, pinyin initials, full pinyin, or a mix.

Typing ``jmxx`` finds 集美…小学, ``jimei`` finds 集美…, ``jimeixx`` and ``集美`` too, and a
code finds itself. Every reading of a character counts, so ``xiamen`` and ``shamen`` both find
厦门 (a polyphone) and a planner never misses a row because a phrase was read otherwise.

The readings come from pypinyin's character table (``pinyin_dict.json``). It is read directly
rather than through ``import pypinyin``, which also loads the 2.5 MB phrase table (about half a
second at every start) that a per-character search does not need.

Each row's readings are computed once (`SearchIndex.__init__`); a keystroke tries them with a
small backtracking match: a few milliseconds for the 276 schools of a district.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

_SEPARATORS = re.compile(r"[\s'·\-_/()（）]+")


def normalise(text: str) -> str:
    """Lower case without spaces and separators: how queries and texts are compared."""
    return _SEPARATORS.sub("", text).lower()


def _toneless(reading: str) -> str:
    """``lǜ`` → ``lv``, ``jí`` → ``ji``."""
    reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    reading = reading.replace("ǚ", "v").replace("ǜ", "v")
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _character_table() -> dict[str, str]:
    """pypinyin's table: code point (decimal text) → readings with tones, comma-separated."""
    spec = importlib.util.find_spec("pypinyin")
    path = Path(spec.origin).with_name("pinyin_dict.json") if spec and spec.origin else None
    if path is not None and path.exists():
        table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return table
    # A packaging of pypinyin without the JSON file: its module holds the same table.
    from pypinyin.pinyin_dict import pinyin_dict

    return {str(code): str(text) for code, text in pinyin_dict.items()}


@lru_cache(maxsize=20000)
def char_readings(char: str) -> tuple[str, ...]:
    """The toneless readings of one character (``厦`` → ``("sha", "xia")``), else itself."""
    text = _character_table().get(str(ord(char)))
    if not text:
        return (char,)
    result: list[str] = []
    for reading in text.split(","):
        plain = _toneless(reading.strip())
        if plain and plain not in result:
            result.append(plain)
            if "v" in plain:  # many people type lu for lü
                result.append(plain.replace("v", "u"))
    return tuple(result) or (char,)


def readings(text: str) -> tuple[tuple[str, ...], ...]:
    """Each character's toneless pinyin readings (other characters stand for themselves)."""
    return tuple(char_readings(char) for char in normalise(text))


def pinyin_keys(text: str) -> tuple[str, str]:
    """Full pinyin and initials of `text` by each character's first reading (for display).

    ``pinyin_keys("集美小学") == ("jimeixiaoxue", "jmxx")``.
    """
    first = [r[0] for r in readings(text)]
    return "".join(first), "".join(r[0] for r in first)


def _match_at(row: Sequence[tuple[str, ...]], j: int, query: str, k: int) -> bool:
    """Does `query[k:]` match from character `j` on, each character by a full reading, its
    initial, or (at the end of the query) the beginning of a reading?"""
    if k == len(query):
        return True
    if j == len(row):
        return False
    rest = query[k:]
    for reading in row[j]:
        if reading.startswith(rest):
            return True
        if rest.startswith(reading) and _match_at(row, j + 1, query, k + len(reading)):
            return True
        if len(reading) > 1 and reading[0] == rest[0] and _match_at(row, j + 1, query, k + 1):
            return True
    return False


class SearchKey:
    """The precomputed form of one row: its plain text and its characters' readings."""

    __slots__ = ("firsts", "plain", "row")

    def __init__(self, texts: Sequence[str]) -> None:
        self.plain = normalise(" ".join(texts))
        # Pinyin of the first text (the name) only: codes and addresses would add false hits.
        self.row = readings(texts[0]) if texts else ()
        self.firsts = frozenset(r[0] for options in self.row for r in options)

    def matches(self, query: str) -> bool:
        """True when the normalised `query` is in the plain text or matches the pinyin."""
        if query in self.plain:
            return True
        if query[0] not in self.firsts:
            return False
        return any(
            query[0] in {r[0] for r in self.row[j]} and _match_at(self.row, j, query, 0)
            for j in range(len(self.row))
        )


class SearchIndex:
    """Rows' search keys, built once; `matching` answers one keystroke.

    The keys are built by `prepare` or, at the latest, by the first query, so a window can
    show its rows first and prepare the index right after (about 0.1 s for a district,
    most of it reading pypinyin's table once).
    """

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        self._rows: list[Sequence[str]] | None = [tuple(texts) for texts in rows]
        self._built: list[SearchKey] = []

    def prepare(self) -> None:
        """Build the keys now (idempotent)."""
        if self._rows is not None:
            self._built = [SearchKey(texts) for texts in self._rows]
            self._rows = None

    @property
    def _keys(self) -> list[SearchKey]:
        self.prepare()
        return self._built

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._built)

    def matches(self, row: int, query: str) -> bool:
        """True when row `row` matches `query` (an empty query matches every row)."""
        needle = normalise(query)
        return not needle or self._keys[row].matches(needle)

    def matching(self, query: str) -> set[int]:
        """The rows that match `query` (every row for an empty query)."""
        needle = normalise(query)
        if not needle:
            return set(range(len(self)))
        return {i for i, key in enumerate(self._keys) if key.matches(needle)}
