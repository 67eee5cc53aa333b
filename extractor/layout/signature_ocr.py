"""Repairs of a signature read by OCR from the form's fixed wording.

An EDGAR signature is conformed: it starts with "/s/" before the signer's name, and an
agent signs as "attorney-in-fact" (for the reporting person). On a one-bit fax the
slashes of "/s/" read as quotes, letters or nothing ("'s/", "si", "es/", "/sf") and the
letters of "attorney" run together ("Attomey", "Allorpey", "duornyy"). Each rule here
puts back one of those fixed words where the shape of the reading leaves no doubt; the
signer's own name is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.layout.text import edit_distance

# What OCR reads for a slash beside the "s" of "/s/" on a one-bit page: a quote or tick,
# a bar or a thin letter, or an "e"/"f" where the slash met the "s".
_SLASH_LOOKALIKES = "/\\|'‘’`!lIi1fjte()[]{}"
# The first token of the signature and the capitalised name after it: "/s/" is never
# more than three characters, and the name starts with a capital (an "I" may read as
# an "l": "'s/ lva Roe").
_FIRST_TOKEN = re.compile(r"^(\S{1,3}) (?=[A-Z]|l[a-z])")
# The first name after "/s/" opening with a small "l": a capital "I" (no name is
# written in small letters, and an "l" and an "I" differ by a serif a fax loses).
_SMALL_L_NAME = re.compile(r"^(/[sS]/ )l(?=[a-z]+ [A-Z])")

# "attorney-in-fact" with its hyphens read as dashes, pluses, tildes, an equals sign, a
# comma or a quote mark (a hyphen's blurred end: "Attomey, In-Fact", "attorne '= —
# in-fact"), a space OCR saw beside one, or a stroke read twice ("Attorney-in- —
# Kact"); the "n" of "in" may read "m" or "p".
_DASH = r"\s?[-–—~+=,'‘’](?:\s?[-–—~+=,'‘’])*\s?"
_IN_FACT = re.compile(
    rf"(?<![\w-])(?P<left>[A-Za-z]{{5,10}}){_DASH}(?P<mid>[Iil1][nmp]){_DASH}"
    r"(?P<right>[A-Za-z]{3,5})(?![\w-])"
)
# How far a reading of each word may be from it: "attorney" has eight letters and on a
# fax loses up to half of them to lookalikes ("duornyy"), but only beside "-in-" and a
# word that reads near "fact", which nothing else of a signature is.
_ATTORNEY_EDITS = 4
# "fact" may lose two of its four letters to lookalikes ("faey": its "c" and "t" broken on
# a fax); after an attorney-like word and "-in-" no other word of English stands.
_FACT_EDITS = 2
# The "for" before the represented person, read "fot" or "tor" after "in-fact".
_FOR = re.compile(r"(?<=[Ff]act )(?P<word>[a-z]{3})(?= [A-Z])")


@dataclass(frozen=True)
class Repair:
    """One fixed word put back: what OCR read, what was taken and why."""

    read: str
    taken: str
    why: str


def conformed_signature(text: str) -> tuple[str, list[Repair]]:
    """`text` with the "/s/" mark and the words "attorney-in-fact for" put back where
    OCR garbled them, and the repairs made."""
    repairs: list[Repair] = []
    text = _conformed_mark(text, repairs)
    text = _IN_FACT.sub(lambda m: _in_fact(m, repairs), text)
    return _FOR.sub(lambda m: _for(m, repairs), text), repairs


def _conformed_mark(text: str, repairs: list[Repair]) -> str:
    """The signature's first token as "/s/" when it is an "s" with slash lookalikes
    beside it ("'s/", "si", "es/"): no name is written so, and a name follows; the
    name's first "I" read as a small "l" put back too."""
    m = _FIRST_TOKEN.match(text)
    if m is None or not _looks_like_mark(m.group(1)):
        return text
    mark = "/" + ("S" if "S" in m.group(1) else "s") + "/"
    if mark != m.group(1):
        repairs.append(Repair(m.group(1), mark, 'a conformed signature starts "/s/"'))
    text = mark + text[m.end(1) :]
    named = _SMALL_L_NAME.sub(r"\1I", text)
    if named != text:
        first = text[len(mark) + 1 :].split(" ", 1)[0]
        repairs.append(Repair(first, "I" + first[1:], "a name starts with a capital"))
    return named


def _looks_like_mark(token: str) -> bool:
    at = max(token.find("s"), token.find("S"))
    if at < 0 or len(token) < 2 or at > 1:
        return False
    around = token[:at] + token[at + 1 :]
    return 0 < len(around) <= 2 and all(c in _SLASH_LOOKALIKES for c in around)


def _in_fact(m: re.Match[str], repairs: list[Repair]) -> str:
    left, mid, right = m.group("left"), m.group("mid"), m.group("right")
    near_left = edit_distance(left.lower(), "attorney") <= _ATTORNEY_EDITS
    if not (near_left and edit_distance(right.lower(), "fact") <= _FACT_EDITS):
        return m.group(0)
    # the capitals as printed: "Attorney-in-Fact", "attorney-in-fact", "Attorney-In-Fact"
    taken = "-".join(
        [
            "Attorney" if left[0].isupper() else "attorney",
            "In" if mid[0] == "I" else "in",
            "Fact" if right[0].isupper() else "fact",
        ]
    )
    if taken != m.group(0):
        repairs.append(Repair(m.group(0), taken, 'an agent signs as "attorney-in-fact"'))
    return taken


def _for(m: re.Match[str], repairs: list[Repair]) -> str:
    word = m.group("word")
    if word == "for" or edit_distance(word, "for") > 1:
        return word
    repairs.append(Repair(word, "for", 'an attorney-in-fact signs "for" the person'))
    return "for"
