"""Reporting owners: the name-and-address block and the relationship box beside it.

The first owner prints in the header box (box 1 and box 5); the 2nd..nth print in blocks
of the same shape under Table II. Both are read from their labels: the name lies between
"Name and Address of Reporting Person" and "(Last) (First) (Middle)", the street lines
between that and "(Street)", and city, state and zip above "(City) (State) (Zip)", each
under its own caption. Within the street area, lines closer than the template's
`field_gap` are one street wrapped, a wider gap starts street2.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.layout.boxtext import (
    SPECK_LETTERS,
    Row,
    box_left,
    checked,
    find_label,
    find_labels,
    half_bracketed,
    is_check_mark,
    is_value,
    rows,
    rule_below,
    rule_right_of,
    text_fact,
    within,
)
from extractor.layout.ocr_repair import corrected
from extractor.layout.street_words import street_words
from extractor.layout.template import HeaderSpec
from extractor.layout.text import PhraseHit
from extractor.model.filing import Address, Fact, Relationship, ReportingOwner
from extractor.model.geometry import Box, Page, Word
from extractor.model.result import Finding, Severity

_ROLE_KEYS = ("director", "ten_percent_owner", "officer", "other")


@dataclass(frozen=True, slots=True)
class OwnerBlock:
    """Where one owner's printing lies: the name column and the relationship box."""

    page: Page
    name_label: PhraseHit
    column: Box  # name and address
    relationship: Box | None


def owner_blocks(pages: Sequence[Page], spec: HeaderSpec, header_bottom: float) -> list[OwnerBlock]:
    """Every reporting-owner block of the document, in printed order."""
    blocks = []
    for page in pages:
        labels = find_labels(page.words, spec.labels.get("reporting_person", []), spec)
        if not labels and page.number == 1 and page.source == "ocr":
            labels = _name_label_beside_issuer(page, spec)
        for hit in labels:
            block = _block(page, hit, spec, header_bottom if page.number == 1 else None)
            if block is not None:
                blocks.append(block)
    return blocks


# A word sharing this share of its height with box 2's label is on its line (labels of
# neighbouring boxes sit a little apart in height).
_SAME_LINE = 0.3


def _name_label_beside_issuer(page: Page, spec: HeaderSpec) -> list[PhraseHit]:
    """Box 1's label when OCR garbled it past placing ("Naw ad Address ul Auportiny
    Moran"): it prints on the line of box 2's label, left of that box (the header's
    boxes are side by side), so the words there are the label. With box 2's label
    garbled too, box 5's label gives the line and box 3's, under box 2, its left edge:
    without them a fax lost its owner whole."""
    issuer = find_label(page.words, "issuer", spec)
    line, left = (issuer, box_left(issuer)) if issuer else _box_2_by_neighbours(page, spec)
    if line is None:
        return []
    words = [
        w
        for w in page.words
        if w.box.x1 < left and w.box.v_overlap(line.box) >= _SAME_LINE * w.box.height
    ]
    if not words:
        return []
    return [PhraseHit(page.number, Box.enclosing([w.box for w in words]), tuple(words))]


def _box_2_by_neighbours(page: Page, spec: HeaderSpec) -> tuple[PhraseHit | None, float]:
    """The label line of the header's first row (box 5's label) and box 2's left edge
    (box 3's label's, which prints under it), or None when either is not found."""
    rel = find_label(page.words, "relationship", spec)
    period = find_label(page.words, "earliest_transaction", spec)
    if rel is None or period is None or not period.box.x1 < rel.box.x0:
        return None, 0.0
    return rel, box_left(period)


def _block(
    page: Page, name: PhraseHit, spec: HeaderSpec, header_bottom: float | None
) -> OwnerBlock | None:
    """The name column runs right to the next box's label (or the rule before it); down
    to '(City) (State) (Zip)'."""
    band = within(
        page.words,
        Box(name.box.x1, name.box.top - 2 * name.box.height, page.width, name.box.bottom),
    )
    issuer = find_labels(band, spec.labels.get("issuer", []), spec)
    rel = find_labels(band, spec.labels.get("relationship", []), spec)
    right = min((box_left(h) for h in [*issuer, *rel]), default=page.width)
    if not issuer:
        # box 2's label not found (a scan misread it): the rule right of the name label,
        # where box 1 ends, ends the column before box 2's words; so does box 3's label,
        # which prints under box 2's in the header
        right = min(right, rule_right_of(page.lines, name.box) or right)
        if header_bottom is not None:
            under = Box(name.box.x1, name.box.bottom, page.width, header_bottom)
            period = find_label(page.words, "earliest_transaction", spec, under)
            right = min(right, box_left(period)) if period else right
    below = Box(name.box.x0 - 5, name.box.bottom, right, page.height)
    csz = find_label(page.words, "city_state_zip", spec, below)
    if csz is None:
        return None
    column = Box(name.box.x0 - 5, name.box.top, right, csz.box.bottom)
    if not rel:
        return OwnerBlock(page, name, column, None)
    bottom = csz.box.bottom
    if header_bottom is not None and name.box.top < header_bottom:
        # the header's box 5 ends where box 6 (individual or joint filing) begins
        area = Box(rel[0].box.x0 - 2, rel[0].box.bottom, page.width, header_bottom)
        joint = find_label(page.words, "individual_joint", spec, area)
        # box 6's label not found (a scan misread it): the rule under box 5 ends it
        ruled = rule_below(page.lines, rel[0].box)
        bottom = joint.box.top if joint else min(ruled or header_bottom, header_bottom)
    # from the box's left edge: the SEC's paper form has its check lines ("_____
    # Director") under the box number, left of the label's words
    return OwnerBlock(page, name, column, Box(box_left(rel[0]), rel[0].box.top, page.width, bottom))


def read_owner(block: OwnerBlock, spec: HeaderSpec) -> tuple[ReportingOwner, list[Finding]]:
    """Name, address and relationship of one owner block."""
    findings: list[Finding] = []
    words = within(block.page.words, block.column)
    labels = {k: find_label(words, k, spec) for k in ("name_parts", "street", "city_state_zip")}
    values = [w for w in words if is_value(w, spec)]
    parts, street, csz = labels["name_parts"], labels["street"], labels["city_state_zip"]
    if street is None and parts is not None and csz is not None:
        street = _street_caption_by_shape(words, parts, csz)
        values = [w for w in values if street is None or w not in street.words]
    top = block.name_label.box.bottom
    name_bottom = parts.box.top if parts else (street.box.top if street else top)
    name = text_fact(_between(values, top, name_bottom))
    street_rows = (
        rows(_between(values, parts.box.bottom, street.box.top)) if parts and street else []
    )
    streets = split_fields(street_rows, spec)
    address = Address(
        street1=_rows_fact(streets[0], "street1", findings) if streets else Fact(),
        street2=_rows_fact([r for group in streets[1:] for r in group], "street2", findings),
    )
    if street and csz:
        _city_state_zip(address, _between(values, street.box.bottom, csz.box.top), csz, findings)
    if name.value is None:
        findings.append(_missing("reporting_owners.name", "reporting person's name", block))
    relationship = Relationship()
    if block.relationship is not None:
        relationship, more = read_relationship(block.page, block.relationship, spec)
        findings += more
    return ReportingOwner(name=name, address=address, relationship=relationship), findings


# A caption starts this many of its heights from the column's left edge at most.
_CAPTION_INDENT = 1.0


def _street_caption_by_shape(
    words: Sequence[Word], parts: PhraseHit, csz: PhraseHit
) -> PhraseHit | None:
    """The "(Street)" caption OCR garbled past matching ("(Ssfrevay|)", "(Sta)" in a fax),
    told by its shape and place: the one word with a bracket at its start or end that
    starts the line under the street lines at the captions' left edge ("(Last)",
    "(City)") and stands alone on it. Without it the street lines and the city line
    were all lost. None when no word, or more than one, is such."""
    left = min(parts.box.x0, csz.box.x0)
    found = [
        w
        for w in words
        if w.source == "ocr"
        and half_bracketed(w.text)
        and abs(w.box.x0 - left) <= _CAPTION_INDENT * w.box.height
        and parts.box.bottom < w.box.ymid < csz.box.top
        and _alone_on_line(w, words)
    ]
    if len(found) != 1:
        return None
    return PhraseHit(found[0].page, found[0].box, (found[0],))


def _alone_on_line(word: Word, words: Sequence[Word]) -> bool:
    """Whether no other word but specks shares `word`'s line."""
    return not any(
        w is not word and len(w.text) > SPECK_LETTERS and w.box.v_overlap(word.box) > 0
        for w in words
    )


def _between(words: Sequence[Word], top: float, bottom: float) -> list[Word]:
    return [w for w in words if top < w.box.ymid < bottom]


def _rows_fact(rs: Sequence[Row], field: str, findings: list[Finding]) -> Fact[str]:
    """One street field: its lines' words, less OCR specks at either end (see text_fact);
    read by OCR, with its misread stops and ordinals put back (`_street_repaired`),
    each such repair recorded in `findings`."""
    fact = text_fact([w for r in rs for w in r.words])
    where = fact.provenance
    if fact.value is None or where is None or where.source != "ocr":
        return fact
    value = _street_repaired(fact.value)
    if value == fact.value:
        return fact
    path, why = f"reporting_owners.address.{field}", "the wording of a street line"
    findings.append(corrected(path, fact.value, value, why, where.page, where.box))
    return Fact[str](value=value, provenance=where)


# An ordinal ("5TH", "21ST") whose digits OCR read as the letters they look like.
_ORDINAL = re.compile(r"\b([0-9SIlOB]{1,3})(ST|ND|RD|TH)\b", re.IGNORECASE)
_AS_DIGIT = str.maketrans({"S": "5", "I": "1", "l": "1", "O": "0", "B": "8"})


def _street_repaired(value: str) -> str:
    """A street line's last stop read as a comma after an abbreviation that takes a
    stop ("INC," for "INC."; a filer may end a line "CAPITAL,") and an ordinal's
    digits read as letters ("STH" for "5TH"), where the digits agree with the ending
    ("1ST", "2ND", "5TH")."""
    from extractor.sources.lexicon import english_words  # the OCR model's own list

    value = _CARE_OF.sub("C/O", _STREET_INC.sub("INC", value))
    value = street_words(value, english_words())
    return _ORDINAL.sub(_ordinal, _ABBREVIATION_COMMA.sub(r"\1.", value))


# "C/O" opening a street line as a fax reads it ("(4)", "C/0", "C1O"; its slash lost,
# "(0"): a street line starts with no bracket, and a house number is no such token of
# two or three characters; one of letters alone ("CIO", "CO") may be a word, and is left.
_CARE_OF = re.compile(r"^(?!C/O )(?=\S*[^A-Z\s])[C(\[{][/14lI|\\]?[O0)\]}D](?= [A-Z])")
# The legal form "INC" after a comma at the end of a street line, its "I" read as an
# "L" or bar and its "C" as a "G" ("C/O ACME, ING.").
_STREET_INC = re.compile(r"(?<=, )(?!INC)[IlL1|]N[CG](?=[.,]?$)")


# A company abbreviation ending a street line with a comma for its stop.
_ABBREVIATION_COMMA = re.compile(r"\b(INC|CORP|LTD|CO|Inc|Corp|Ltd|Co),$")


def _ordinal(m: re.Match[str]) -> str:
    digits, ending = m.group(1).translate(_AS_DIGIT), m.group(2)
    if digits == m.group(1) or not digits.isdigit() or digits.startswith("0"):
        return m.group(0)
    n = int(digits)
    due = "TH" if n % 100 in (11, 12, 13) else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
    return digits + ending if ending.upper() == due else m.group(0)


def split_fields(rs: Sequence[Row], spec: HeaderSpec) -> list[list[Row]]:
    """Consecutive lines grouped into fields: a new field where the line pitch exceeds
    the template's field gap in font sizes (a wrapped value runs at the tighter pitch
    of its own lines). OCR lines are measured by the median size of their words, as
    one word's size may be inflated by a glyph read as taller than it is; their tops
    likewise (a lone "A" boxed with a speck under it reached up to the line above).
    Two OCR lines are measured by the smaller of their sizes: a whole line may read
    taller than the print (a house number's digits, "1601 ELM ROAD", under a "C/O"
    line), which took the next field for a wrapped line."""
    groups: list[list[Row]] = []
    for r in rs:
        ocr = r.words[0].source == "ocr"
        gap = spec.ocr_field_gap if ocr else spec.field_gap
        if groups and _top(r) - _top(groups[-1][-1]) <= gap * _pitch_size(groups[-1][-1], r):
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _pitch_size(above: Row, row: Row) -> float:
    """The size a line's pitch from the line above is measured in (see `split_fields`)."""
    if row.words[0].source != "ocr":
        return row.size
    return min(statistics.median(w.size for w in r.words) for r in (above, row))


def _top(row: Row) -> float:
    """A line's top: its words' median top when OCR boxed them (see `split_fields`)."""
    if row.words[0].source != "ocr":
        return row.top
    return statistics.median(w.box.top for w in row.words)


def _city_state_zip(
    address: Address, words: list[Word], csz: PhraseHit, findings: list[Finding]
) -> None:
    """Each value word goes to the caption ((City), (State), (Zip)) it sits over. A
    caption of two words ("(Zip/Postal Code)" on the SEC's paper form) starts at its
    bracket. An OCR reading put right (a state's capitals) is recorded in `findings`."""
    ordered = sorted(csz.words, key=lambda w: w.box.x0)
    captions = [w for i, w in enumerate(ordered) if i == 0 or not _continues(ordered[i - 1], w)]
    cols: list[list[Word]] = [[] for _ in captions]
    for w in words:
        starts = [i for i, c in enumerate(captions) if c.box.x0 - 3 <= w.box.xmid]
        cols[starts[-1] if starts else 0].append(w)
    facts = [text_fact(c) for c in cols]
    if len(facts) == 3:
        address.city, address.state = _city(facts[0]), _state(facts[1])
        address.zip_code = _zip(facts[2], us=address.state.value in _US_STATES)
        taken = (address.city, address.state, address.zip_code)
        for field, read, fact in zip(("city", "state", "zip_code"), facts, taken, strict=True):
            findings += _repaired(f"reporting_owners.address.{field}", read, fact)


def _repaired(path: str, read: Fact[str], taken: Fact[str]) -> list[Finding]:
    """The finding for an OCR reading `read` that was put right as `taken`; none when
    it stands as read."""
    where = read.provenance
    if where is None or where.source != "ocr" or read.value == taken.value:
        return []
    why = "what the field may hold"
    return [corrected(path, read.value or "", taken.value or "", why, where.page, where.box)]


def _continues(before: Word, word: Word) -> bool:
    """Whether `word` goes on with the caption `before` opened: no bracket closed it and
    none opens `word` (OCR reads brackets as braces or bars)."""
    return before.text[-1:] not in ")}]|" and word.text[:1] not in "({[|"


def _city(fact: Fact[str]) -> Fact[str]:
    """An OCR'd city of one word that is no word of the lexicon but two of its words
    run together ("SANJOSE") has the space OCR lost put back; a city the lexicon
    knows whole ("HONOLULU") stays."""
    value, where = fact.value, fact.provenance
    if value is None or where is None or where.source != "ocr" or " " in value:
        return fact
    split = _two_words(value)
    return fact if split is None else Fact[str](value=split, provenance=where)


def _two_words(word: str) -> str | None:
    """`word` as the one pair of lexicon words it is made of, or None."""
    from extractor.sources.lexicon import english_words, knows  # the OCR model's own list

    known = english_words()
    low = word.lower()
    if len(word) < _SPLIT_CITY or not word.isalpha() or not known or knows(low, known):
        return None
    cuts = [i for i in range(3, len(word) - 2) if knows(low[:i], known) and knows(low[i:], known)]
    return f"{word[: cuts[0]]} {word[cuts[0] :]}" if len(cuts) == 1 else None


_SPLIT_CITY = 7  # letters of a city name at least, to be two words of three or more


# A ZIP+4 code whose hyphen OCR read as a stop, comma, colon or long dash ("98765.4321").
_ZIP_PLUS4 = re.compile(r"^(\d{5})\s?[.,:;\u2013\u2014~]\s?(\d{4})$")
_US_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
# Specks a fax reads inside a ZIP code's digits ("62,701").
_ZIP_SPECKS = re.compile(r"(?<=\d)[.,'`]+(?=\d)")


def _zip(fact: Fact[str], us: bool = False) -> Fact[str]:
    """An OCR'd ZIP+4 code with its hyphen put back: a US ZIP code joins its two parts
    by a hyphen alone, and a short hyphen of small print reads as a stop or comma. At a
    US address (`us`: its state a US one) a reading that is no ZIP code, specks inside
    its digits aside, is no value ('"bd 4', "HCA" in a fax): kept as `raw` for a
    reviewer. A foreign postal code has any shape ("W1K 3JP") and stays as read."""
    value, where = fact.value, fact.provenance
    if value is None or where is None or where.source != "ocr":
        return fact
    fixed = _ZIP_PLUS4.sub(r"\1-\2", value)
    if us and not _US_ZIP.match(fixed):
        fixed = _ZIP_SPECKS.sub("", fixed)
        if not _US_ZIP.match(fixed):
            return Fact[str](raw=value, footnote_ids=fact.footnote_ids, provenance=where)
    if fixed == value:
        return fact
    return Fact[str](value=fixed, footnote_ids=fact.footnote_ids, provenance=where)


def _state(fact: Fact[str]) -> Fact[str]:
    """A state's two letters as capitals: OCR reads a blurred "CO" or "OK" as small
    letters, which differ from the capitals in size alone. A fax adds specks read as
    stops and commas, and reads an "I" as a "1" ("1A,", "C.A"): such a reading is the
    state code its letters spell, when they spell one."""
    value, where = fact.value, fact.provenance
    if value is None or where is None or where.source != "ocr":
        return fact
    if len(value) != 2:
        letters = "".join(c for c in value.translate(_STATE_LOOKALIKES) if c.isalpha())
        value = letters if letters.upper() in _US_STATES else value
    elif value.upper() not in _US_STATES:
        value = _one_state(value.upper()) or value
    if not _EDGAR_STATE.match(value.upper()):
        # no state's code: kept as `raw` for a reviewer ("6OCA" in a fax)
        return Fact[str](raw=fact.value, footnote_ids=fact.footnote_ids, provenance=where)
    return Fact[str](value=value.upper(), footnote_ids=fact.footnote_ids, provenance=where)


# EDGAR's codes of a place: two capitals (a US state's) or a capital and a digit (a
# country's or a Canadian province's: "X0", "A1").
_EDGAR_STATE = re.compile(r"^[A-Z][A-Z0-9]$")


_STATE_LOOKALIKES = str.maketrans("105", "IOS")
# What a fax reads for a capital of a state code: a "T" or "L" as the bar "1" too.
_STATE_LETTERS = {"1": "ILT", "0": "OD", "5": "S", "8": "B", "|": "IL"}


def _one_state(code: str) -> str | None:
    """The one state code a two-character reading ("1X") spells with its digits and bars
    read as the capitals they look like, or None (none, or several: "1N" is IN or TN)."""
    first, second = (_STATE_LETTERS.get(c, c) for c in code)
    found = {a + b for a in first for b in second} & _US_STATES
    return found.pop() if len(found) == 1 else None


# The USPS codes of the states, the District of Columbia and the territories.
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
)
_US_STATES = frozenset(_STATE_CODES.split())


def _role_label(words: list[Word], key: str, spec: HeaderSpec) -> PhraseHit | None:
    """A role's label in box 5; in an OCR'd box whose label OCR garbled at its end (the
    wrapped "below)" of "Officer (give title below)" read as "bel )"), the label's
    first words, three at least, or its word in brackets alone ("(specify"): no other
    text of the box starts with them or holds that word. A
    label left unfound gives its check mark to the role label above it. The hit then
    reaches a line lower, over the garbled rest, which is no title."""
    hit = find_label(words, key, spec)
    if hit is not None or not any(w.source == "ocr" for w in words):
        return hit
    for phrase in spec.labels.get(key, []):
        tokens = phrase.split()
        parts = [" ".join(tokens[:size]) for size in range(len(tokens) - 1, _ROLE_PREFIX - 1, -1)]
        # or its bracketed word alone ("(specify"), when OCR garbled the rest
        parts += [t for t in tokens if t.startswith("(") and len(t) >= _BRACKETED_WORD]
        for part in parts:
            hits = find_labels(words, [part], spec)
            if hits:
                return _with_line_below(hits[0])
    return None


def _with_line_below(hit: PhraseHit) -> PhraseHit:
    line = _LINE_PITCH * max(w.size for w in hit.words)
    box = Box(hit.box.x0, hit.box.top, hit.box.x1, hit.box.bottom + line)
    return PhraseHit(hit.page, box, hit.words)


_LINE_PITCH = 1.2  # a label's line pitch in font sizes
_BRACKETED_WORD = 5  # characters of a bracketed word that tell a label ("(give")
_ROLE_PREFIX = 3  # words of a role label that tell it from any other text of box 5


def read_relationship(page: Page, box: Box, spec: HeaderSpec) -> tuple[Relationship, list[Finding]]:
    """Box 5: which roles are checked, and the title printed under them."""
    words = within(page.words, box)
    found = {k: _role_label(words, k, spec) for k in _ROLE_KEYS}
    marks = [w for w in words if is_check_mark(w, spec)]
    on = checked(marks, _placed_roles(found))
    rel = Relationship(
        is_director="director" in on,
        is_ten_percent_owner="ten_percent_owner" in on,
        is_officer="officer" in on,
        is_other="other" in on,
    )
    # the title prints under the labels found: a placed one's line is a guess
    roles = [h for k, h in found.items() if h is not None and k in ("officer", "other")]
    if not roles:
        return rel, []
    # the title prints under the labels' last line; OCR may miss one of the two labels
    # (a misread "Other"), and the wrapped "below)" of the missed one is no title
    under = max(h.box.bottom for h in roles)
    printed = {w for h in roles for w in h.words}
    title = [
        w
        for w in words
        if is_value(w, spec)
        and w.box.ymid > under
        and w not in marks
        and w not in printed
        and not _fill_in_line(w)
    ]
    fact = text_fact(title)
    _assign_title(rel, fact, spec)
    if fact.value is not None and not (rel.is_officer or rel.is_other):
        # EDGAR prints a title only for a checked Officer or Other box
        return rel, [_title_without_role(page, fact.value, box)]
    return rel, []


def _fill_in_line(word: Word) -> bool:
    """A printed line to write on ("______", the SEC's paper form's title line): no
    value, though a form typed in one colour leaves it the values' colour."""
    return set(word.text) <= {"_"}


# Box 5 prints its roles two by two: Director beside 10% Owner, Officer under Director,
# Other under 10% Owner. A role's label lies in the column of the one above or under
# it and on the line of the one beside it: (column, line) for each role.
_ROLE_GRID = {
    "director": ("officer", "ten_percent_owner"),
    "ten_percent_owner": ("other", "director"),
    "officer": ("director", "other"),
    "other": ("ten_percent_owner", "officer"),
}


def _placed_roles(labels: dict[str, PhraseHit | None]) -> dict[str, PhraseHit | None]:
    """The roles' labels, each one not found placed by the two it shares a column and
    a line with (a fax garbles "Director" past reading: "Owaclor"), or else a line above
    or under the one it shares a column with; its check mark is then told as any
    other's (a mark on Director's line went to Officer under it)."""
    out = dict(labels)
    for key, (column, line) in _ROLE_GRID.items():
        col, row = labels[column], labels[line]
        if out[key] is not None or col is None:
            continue
        if row is not None:
            box = Box(col.box.x0, row.box.top, col.box.x0 + row.box.width, row.box.bottom)
            out[key] = PhraseHit(row.page, box, row.words)
        else:
            step = _ROLE_PITCH * col.box.height * (-1 if key in _FIRST_LINE else 1)
            box = Box(col.box.x0, col.box.top + step, col.box.x1, col.box.bottom + step)
            out[key] = PhraseHit(col.page, box, col.words)
    return out


# The roles of box 5's first line, and the pitch of its two lines in label heights
# (measured 1.7-2.3).
_FIRST_LINE = ("director", "ten_percent_owner")
_ROLE_PITCH = 1.8


def _title_without_role(page: Page, title: str, box: Box) -> Finding:
    return Finding(
        code="header.title_without_role",
        severity=Severity.WARNING,
        message=f"'{title}' is printed under Officer / Other but neither box is checked",
        path="reporting_owners.relationship.officer_title",
        page=page.number,
        box=box.as_tuple(),
    )


def _assign_title(rel: Relationship, fact: Fact[str], spec: HeaderSpec) -> None:
    """One line under Officer / Other: the officer's title, the other text, or both
    joined by the template's separator."""
    if fact.value is None:
        return
    if rel.is_officer and rel.is_other and spec.title_separator in fact.value:
        officer, other = fact.value.split(spec.title_separator, 1)
        rel.officer_title = Fact(value=officer.strip(), provenance=fact.provenance)
        rel.other_text = Fact(value=other.strip(), provenance=fact.provenance)
    elif rel.is_other and not rel.is_officer:
        rel.other_text = fact
    else:
        rel.officer_title = fact


def _missing(path: str, what: str, block: OwnerBlock) -> Finding:
    return Finding(
        code="header.missing",
        severity=Severity.WARNING,
        message=f"no {what} printed in the reporting-owner block on page {block.page.number}",
        path=path,
        page=block.page.number,
        box=block.column.as_tuple(),
    )
