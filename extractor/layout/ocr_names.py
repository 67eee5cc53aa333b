"""Marks a fax adds to a holder's name read in a table cell (the nature of ownership).

A nature names a holder as filers type it: "By" and the holder ("By Living Trust"), a
partnership's "L.P." or "LP" and a company's "LLC" after a comma at its end. A fax's
specks and the remnants of a superscript marker it did not tell from the text read as
quotes, letters and stops at the name's edges; each rule here undoes one such reading
where the name's shape leaves no doubt:

- "Hy", "Ry", "8y", "bv" opening a name before a capitalised word are "By" or "by" (a
  faint bowl of the "B", a "y" whose tail a fax cut short): no English word is spelt
  so, and natures open with "By";
- a partnership's "L.P." after a comma read with a "1" or a bar for its "L", or its
  stops doubled or read as a space ("1..P", "1. P.", "L..P,");
- one quote mark glued before a capitalised word with no other in the name ("By
  Living 'Trust"): a name quotes nothing it does not close;
- a company's "LLC" at the end with its "C" read as a round letter ("LLO", "LLG");
- the numeral "II" after a capitalised word read as two other strokes ("Fund tl, LP",
  "Fund If Principals"), or as a "U" where its bars ran together at their feet ("Fund
  U Partners"): no word of a name is spelt so ("It", "it" are kept);
- "U.S," before a capitalised word: its stop read as a comma ("U.S, Growth Fund");
- at most two tokens of three letters or fewer after a closing "L.P.", "LP" or "LLC"
  ("L.P. Pa", "LLC' uu"): what a marker's brackets and digits read as, since the name
  ends with its kind of entity (a roman numeral or a bracketed class there is kept);
- marks glued to that closing form ("LP!", 'LP"'), for the same reason.

A nature that refers to the notes says "See Footnote" or "See Footnotes" (the form's
column asks for the nature, the notes give it); a fax reads it "Ser Fauntiore", "sce
Pauinows' |": two words, the first of two or three letters starting with an "s", the
second at most half its letters off "footnote(s)", and at most specks after them, are
that phrase, plural when the word read ends in "s".

A word of the name the filing prints nowhere else is put back as the lookalike it prints
often (`with_natures_respelt`): notes and other rows name the same holders.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.layout import ocr_repair
from extractor.layout.ocr_prose import respelt
from extractor.layout.text import edit_distance
from extractor.model.filing import Filing
from extractor.model.result import Finding
from extractor.sources.lexicon import english_words

_BY = re.compile(r"^(?:[BHR8][yv]|[bh][yv])(?= ['‘’`]?[A-Z])")
_PARTNERSHIP = re.compile(r"(?<=, )([1lIL])(\.\.|\.? |\.)P[.,]?(?=$|[\s'\"‘’`(|])")
_QUOTES = "'‘’`\"“”"
_UNQUOTED = str.maketrans(dict.fromkeys(_QUOTES, " "))
_US_COMMA = re.compile(r"(?<![\w.])U\.S,(?= [A-Z])")
_COMPANY = re.compile(r"(?<![\w.])LL[OGQ0](?=\W*$)")
_TWO_BARS = re.compile(
    r"(\b[A-Z][a-z]+ )(?!It\b|it\b|II\b)(?:[Iil1|t]{2}|If|U)(?=[,;]|\s+[A-Z(]|$)"
)
_OPEN_QUOTE = re.compile(r"(?<![\w'‘’`\"“”])['‘’`](?=[A-Z])")
_ENTITY_END = re.compile(r"(?<=, )(?:L\.P\.|LP|LLC)(?P<rest>(?:\s+\S+){1,2}|['‘’`]\s*\S+)$")
_SEE_NOTE = re.compile(
    r"^[Ss5][a-z]{1,2}[.,:]? +[^A-Za-z\s]?(?P<word>[A-Za-z]{5,11})(?P<rest>[^A-Za-z]*(?:\s.*)?)$"
)
_NOTE_EDITS = 0.5  # share of "footnote(s)"' letters a fax may change ("Fantintes": 4 of 9)
_REMNANT_LETTERS = 3  # a marker "(2)(3)" is six glyphs: two tokens of three at most
_KEPT_AFTER_END = re.compile(r"\(?(?:[IVX]+|[A-Z])\)?")
# Marks glued to the closing "L.P.", "LP" or "LLC" ("LP!", 'LP"'): a marker's remnant.
_ENTITY_MARKS = re.compile(r"(?<=, )(?P<form>L\.P\.|LP|LLC)[^\w\s.]+$")


def repaired_name(text: str) -> str:
    """`text` with the fax's marks above put back or dropped (see the module's doc)."""
    text = _BY.sub(lambda m: "by" if m.group(0)[0].islower() else "By", text)
    text = _US_COMMA.sub("U.S.", _PARTNERSHIP.sub(_partnership, text))
    text = _TWO_BARS.sub(r"\1II", _COMPANY.sub("LLC", text))
    text = _SEE_NOTE.sub(_see_note, text)
    if sum(text.count(q) for q in _QUOTES) == 1:
        text = _OPEN_QUOTE.sub("", text)
    text = _ENTITY_END.sub(_without_remnant, text)
    return _ENTITY_MARKS.sub(r"\g<form>", text)


def _see_note(m: re.Match[str]) -> str:
    word, rest = m.group("word"), m.group("rest")
    printed = "Footnotes" if word.endswith("s") else "Footnote"
    if edit_distance(word.lower(), printed.lower()) > _NOTE_EDITS * len(printed):
        return m.group(0)
    if not _remnant(rest.split()) or any(c.isdigit() for c in rest):
        return m.group(0)
    return "See " + (printed.lower() if word[0] == "f" else printed)


def _remnant(tokens: list[str]) -> bool:
    """Whether `tokens` are no more than a marker's or a speck's remnant."""
    letters = [sum(c.isalnum() for c in t) for t in tokens]
    return len(tokens) <= 2 and (not letters or max(letters) <= _REMNANT_LETTERS)


def _partnership(m: re.Match[str]) -> str:
    letter, gap = m.group(1), m.group(2)
    if letter == "L" and gap == ".":
        return m.group(0)  # "L.P" and "L.P." as printed
    return "L.P."


def _without_remnant(m: re.Match[str]) -> str:
    rest = m.group("rest")
    tokens = rest.translate(_UNQUOTED).split()
    kept = any(_KEPT_AFTER_END.fullmatch(t) for t in tokens)
    if kept or not tokens or not _remnant(tokens):
        return m.group(0)
    return m.group(0)[: -len(rest)]


def with_natures_respelt(filing: Filing, seen: Counter[str]) -> list[Finding]:
    """Each OCR'd nature of ownership with its one-off spellings of the filing's words
    put back, in place (`ocr_prose.respelt`: "Zetola" where the filing prints "Zetoia"
    many times, in its notes and other rows); a finding each."""
    found: list[Finding] = []
    why = "a one-off spelling of a word the filing prints many times"

    def mend(text: str) -> str:
        # a name's abbreviations ("dtd", "TTEE", "FBO") are no words of prose: it is
        # checked against the model's whole list, not prose's common words ("dtd" for
        # "dated" became "did")
        return respelt(text, seen, english_words())

    for row in filing.table_rows():
        own = row.ownership
        own.nature_of_ownership, f = ocr_repair.text_repaired(
            own.nature_of_ownership, "nature of ownership", mend, why
        )
        found += f
    return found
