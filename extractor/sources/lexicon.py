"""The words of English that Tesseract's own model knows, to tell a misread word
("pecumary") from a real one ("pecuniary").

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
from functools import cache
from pathlib import Path

_MODEL = "eng"
_TIMEOUT_S = 60


@cache
def english_words() -> frozenset[str]:
    """Every word of the model's list, as printed ("Securities", "the"); empty when
    the model or the tools to unpack it are missing."""
    from extractor.sources.ocr import tessdata_dir

    folder = tessdata_dir()
    if folder is None:
        return frozenset()
    model = Path(folder) / f"{_MODEL}.traineddata"
    stored = _cache_file(model)
    if stored is not None and stored.is_file():
        return frozenset(stored.read_text(encoding="utf-8").split())
    words = _unpacked(model)
    if words and stored is not None:
        _store(stored, words)
    return words


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
