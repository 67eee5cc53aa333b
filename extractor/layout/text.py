"""Text helpers shared by the layout stages: folding, lines, and phrase search.

A phrase is found as a run of consecutive words in reading order (line by line, left to
right) whose folded tokens equal the phrase's tokens. Folding drops case, column numbers
("2A."), instruction notes ("(Instr. 3)") and punctuation at token ends, so a reworded
line break or a renumbered column still matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractor.model.geometry import Box, Page, Word

_INSTR = re.compile(r"\(\s*instr\.?[^)]*\)", re.I)
_COLUMN_NUMBER = re.compile(r"^\d+[a-z]?\.$", re.I)


def fold(text: str) -> str:
    """Lower-case, no instruction notes, single spaces."""
    return " ".join(_INSTR.sub(" ", text).lower().split())


def phrase_tokens(text: str) -> list[str]:
    """Tokens of a phrase as matched: folded, column numbers dropped, edge punctuation off."""
    out = []
    for tok in fold(text).split():
        if _COLUMN_NUMBER.match(tok):
            continue
        tok = tok.strip(".,:;*")
        if tok:
            out.append(tok)
    return out


def group_lines(words: Iterable[Word], tolerance: float = 2.0) -> list[list[Word]]:
    """Words grouped into lines by their vertical middle, each line left to right.

    Superscripts sit higher than their line; they join the line whose band they overlap.
    """
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.box.bottom, w.box.x0)):
        for i, (top, bottom) in enumerate(bands):
            if top - tolerance <= w.box.ymid <= bottom + tolerance:
                lines[i].append(w)
                if w.size >= max(x.size for x in lines[i]):
                    bands[i] = (min(top, w.box.top), max(bottom, w.box.bottom))
                break
        else:
            lines.append([w])
            bands.append((w.box.top, w.box.bottom))
    for line in lines:
        line.sort(key=lambda w: w.box.x0)
    lines.sort(key=lambda line: min(w.box.top for w in line))
    return lines


def line_text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


@dataclass(frozen=True, slots=True)
class PhraseHit:
    page: int
    box: Box
    words: tuple[Word, ...]


def find_phrase(
    words: Sequence[Word], phrase: str, *, within: Box | None = None
) -> list[PhraseHit]:
    """Every place the phrase is printed, in reading order (words of one page)."""
    target = phrase_tokens(phrase)
    if not target:
        return []
    pool = [w for w in words if within is None or within.contains_point(w.box.xmid, w.box.ymid)]
    ordered = [w for line in group_lines(pool) for w in line]
    tokens = [(t, w) for w in ordered for t in phrase_tokens(w.text)]
    hits = []
    n = len(target)
    for i in range(len(tokens) - n + 1):
        if all(tokens[i + k][0] == target[k] for k in range(n)):
            ws = tuple(dict.fromkeys(w for _, w in tokens[i : i + n]))
            hits.append(PhraseHit(ws[0].page, Box.enclosing([w.box for w in ws]), ws))
    return hits


def find_first(page: Page, phrases: Sequence[str], within: Box | None = None) -> PhraseHit | None:
    """The top-most hit of any of the phrases on the page."""
    hits = [h for p in phrases for h in find_phrase(page.words, p, within=within)]
    return min(hits, key=lambda h: (h.box.top, h.box.x0)) if hits else None
