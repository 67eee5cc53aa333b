"""The words of English that Tesseract's own model knows, to tell a misread word
("pecumary") from a real one ("pecuniary"); for prose, only those the system's spelling
dictionary holds too (see `prose_words`).

Tesseract's English model (eng.traineddata, which OCR needs anyway) carries a word list
as a DAWG; the tools of the same package (combine_tessdata, dawg2wordlist) unpack it
to text. That takes a second or two, so the list is kept in the user's cache folder
the first time, under a name that changes with the model. Without the tools or the
model the list is empty and nothing is respelt by it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator
from functools import cache
from itertools import accumulate
from pathlib import Path

_MODEL = "eng"
_TIMEOUT_S = 60
# The system's spelling dictionary (Debian's wamerican or wbritish: SCOWL's words up to
# size 50, the common ones), the first of these that is present.
_DICTIONARIES = (
    Path("/usr/share/dict/american-english"),
    Path("/usr/share/dict/british-english"),
)


class WordList:
    """Words held sorted in one string, one per line, and looked up by bisection: as a
    set, the 338,000 words of the model's list held 68 MB, a fifth of a scan's memory
    budget; so about 5 MB, read from the cache file without a word list in between."""

    def __init__(self, words: Iterable[str]) -> None:
        self._take("\n".join(sorted(set(words))))

    @classmethod
    def of_sorted_lines(cls, text: str) -> WordList:
        """The list of `text`'s lines, which are sorted and unique (see `_store`)."""
        out = cls.__new__(cls)
        out._take(text.strip("\n"))
        return out

    def _take(self, text: str) -> None:
        self._text = text
        # where each word starts, from the words' lengths (a find loop over 338,000
        # words took half a second)
        lengths = (len(w) + 1 for w in text.split("\n")) if text else ()
        self._starts = array("L", accumulate(lengths, initial=0))

    def lines(self) -> list[str]:
        """The words, sorted (cheaper than iterating: one split)."""
        return self._text.split("\n") if self._text else []

    def _word(self, i: int) -> str:
        return self._text[self._starts[i] : self._starts[i + 1] - 1]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[str]:
        return (self._word(i) for i in range(len(self)))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        i = bisect_left(range(len(self)), word, key=self._word)
        return i < len(self) and self._word(i) == word


def knows(word: str, words: Container[str]) -> bool:
    """Whether `words` (as printed) hold `word` in any case it is printed in: small,
    capitalized or all capitals ("HONOLULU" is "Honolulu")."""
    return any(form in words for form in (word, word.lower(), word.capitalize(), word.upper()))


@cache
def english_words() -> WordList:
    """Every word of the model's list, as printed ("Securities", "the"); empty when
    the model or the tools to unpack it are missing."""
    from extractor.sources.ocr import tessdata_dir

    folder = tessdata_dir()
    if folder is None:
        return WordList(())
    model = Path(folder) / f"{_MODEL}.traineddata"
    stored = _cache_file(model)
    if stored is not None and stored.is_file():
        return WordList.of_sorted_lines(stored.read_text(encoding="utf-8"))
    words = _unpacked(model)
    if words and stored is not None:
        _store(stored, words)
    return WordList(words)


@cache
def prose_words() -> WordList:
    """The model's words that count as English in prose. The model's list holds rare
    forms that are also what OCR makes of common words ("ume" for "time", "tum" for
    "turn", "commen" for "common"), and a misreading that is a word of the list is never
    put back. A word of small letters counts only when the system's spelling dictionary
    holds it too; names and capitalized forms stay as the model lists them. Without a
    dictionary, the model's list as it is."""
    words = english_words()
    common = _dictionary()
    if not common:
        return words
    kept = [w for w in words.lines() if w in common or not w.islower()]
    return WordList.of_sorted_lines("\n".join(kept))


def _dictionary() -> frozenset[str]:
    """The small-letter words of the first spelling dictionary present (see
    `_DICTIONARIES`); empty when there is none."""
    for path in _DICTIONARIES:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return frozenset(w for w in text.split() if w.islower())
    return frozenset()


def _cache_file(model: Path) -> Path | None:
    """Where the list of `model` is kept: named by its size and time, so that another
    model gets a list of its own."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        stat = model.stat()
    except (OSError, RuntimeError):  # no home folder known, or the model unreadable
        return None
    return Path(base) / "form4" / f"words-{_MODEL}-{stat.st_size}-{int(stat.st_mtime)}.txt"


def _unpacked(model: Path) -> frozenset[str]:
    """The model's word DAWG unpacked with Tesseract's tools; empty when they fail."""
    combine, listing = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
    if combine is None or listing is None:
        return frozenset()
    with tempfile.TemporaryDirectory(prefix="form4-words-") as tmp:
        prefix = str(Path(tmp) / f"{_MODEL}.")
        out = Path(tmp) / "words.txt"
        try:
            _run([combine, "-u", str(model), prefix])
            _run([listing, prefix + "lstm-unicharset", prefix + "lstm-word-dawg", str(out)])
            return frozenset(out.read_text(encoding="utf-8", errors="replace").split())
        except (OSError, subprocess.SubprocessError):
            return frozenset()


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=_TIMEOUT_S)


def _store(path: Path, words: frozenset[str]) -> None:
    """Write the list for the next process; a folder it cannot write is no error.
    Written to a temporary name first, so that a reader never sees half a list."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text("\n".join(sorted(words)), encoding="utf-8")
        part.replace(path)
    except OSError:
        return
