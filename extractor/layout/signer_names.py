"""A reporting person's name in a signature put back from box 1, where OCR misread it.

An attorney-in-fact signs "for" the reporting person ("/s/ Pat Quill, Attorney-in-fact
for Ivan Zorba"), and a person signing for themselves signs their own name: the words
of box 1's name stand again in the signature line, in small print under a rule, where
OCR misreads them more often than in box 1 (on the harder scans, a first name's vowel
and a last name's capital, as "Ivan" read "Ivar" and "Zorba" read "Forba" would be). A
signature word one letter off a word of a reporting owner's name, of as many letters,
is that word, when box 1 was read surely and the signature less so. A word that is a
word of the owner's name already, or that is short, stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.layout import ocr_repair
from extractor.model.filing import Filing, ReportingOwner
from extractor.model.result import Finding

# Box 1's name read at least this surely vouches for its words.
_SURE_OWNER = 0.85
# Words shorter than this have too many neighbours one letter off ("Lee", "Lea").
_MIN_LETTERS = 4
_WORD = re.compile(r"[A-Za-z]+")
_WHY = "a reporting owner's name as box 1 prints it"


def with_signers_named(filing: Filing) -> list[Finding]:
    """The OCR'd signatures of `filing` with the owners' names put back (see the module's
    docstring), in place; a finding for each change."""
    names = _sure_name_words(filing.reporting_owners)
    box_1 = _owner_confidence(filing.reporting_owners)

    def mend(text: str) -> str:
        return _WORD.sub(lambda m: _owner_word(m.group(0), names), text)

    found: list[Finding] = []
    for i, sig in enumerate(filing.signatures):
        prov = sig.name.provenance
        if prov is not None and prov.confidence < box_1:
            sig.name, f = ocr_repair.text_repaired(sig.name, f"signatures[{i}].name", mend, _WHY)
            found += f
    return found


def _sure_name_words(owners: Iterable[ReportingOwner]) -> set[str]:
    """The words (in small letters) of the owners' names that box 1 read surely."""
    out: set[str] = set()
    for owner in owners:
        prov = owner.name.provenance
        if owner.name.value and prov is not None and prov.confidence >= _SURE_OWNER:
            out.update(w.lower() for w in _WORD.findall(owner.name.value))
    return out


def _owner_confidence(owners: list[ReportingOwner]) -> float:
    sure = [o.name.provenance.confidence for o in owners if o.name.provenance is not None]
    return min(sure, default=0.0)


def _owner_word(word: str, names: set[str]) -> str:
    low = word.lower()
    if len(low) < _MIN_LETTERS or low in names:
        return word
    near = [n for n in names if len(n) == len(low) and _one_off(n, low)]
    if len(near) != 1:
        return word
    return _cased_as(near[0], word)


def _one_off(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _cased_as(word: str, model: str) -> str:
    """`word` in the case `model` is written in: capitals, capitalized or small."""
    if model.isupper():
        return word.upper()
    return word.capitalize() if model[0].isupper() else word
