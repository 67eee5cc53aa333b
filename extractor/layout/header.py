"""The header box, the extra owner blocks, remarks and signatures, found by their labels.

Page 1 above Table I holds the form title, the Section 16 / Rule 10b5-1 (or Form 5)
check boxes and boxes 1-6. Each value is read from the area its label leaves free:
box 2 between its label and box 3, box 3 between its label and box 4, and so on. The
2nd..nth reporting owners, the remarks and the signatures are read by the same means
on whatever page they print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from extractor.layout import ocr_repair
from extractor.layout.boxtext import (
    box_left,
    checked,
    find_label,
    find_labels,
    is_check_mark,
    is_label,
    is_value,
    provenance,
    rows,
    rule_below,
    rule_right_of,
    text_fact,
    within,
)
from extractor.layout.owners import owner_blocks, read_owner
from extractor.layout.parts import HeaderPart, stage_failed
from extractor.layout.regions import Region, RegionKind, Regions
from extractor.layout.signatures import read_remarks, read_signatures
from extractor.layout.template import HeaderSpec, Template
from extractor.layout.text import PhraseHit
from extractor.layout.values import parse_date
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Issuer, Provenance
from extractor.model.geometry import Box, Line, Page, Word
from extractor.model.result import Finding, Severity


def regions_to_header(pages: list[Page], regions: Regions, template: Template) -> HeaderPart:
    """Everything outside Tables I and II and the footnotes; never raises on bad input."""
    part = HeaderPart()
    try:
        _read(pages, regions, template.header, part)
    except Exception as exc:  # a layout surprise must not lose the tables read elsewhere
        part.findings.append(stage_failed("header", exc))
    return part


def _read(pages: list[Page], regions: Regions, spec: HeaderSpec, part: HeaderPart) -> None:
    header = regions.first(RegionKind.HEADER)
    if not pages or header is None:
        part.findings.append(_finding("header.missing", "no header box found on page 1", None))
        return
    page = pages[header.page - 1]
    words = within(page.words, header.box)
    _boxes(words, page.lines, header, spec, part)
    _check_boxes(words, spec, part)
    part.document_type = _document_type(words, spec, part)
    for block in owner_blocks(pages, spec, header.box.bottom):
        owner, findings = read_owner(block, spec)
        part.reporting_owners.append(owner)
        part.findings += findings
    if not part.reporting_owners:
        part.findings.append(_finding("header.missing", "no reporting owner found", header))
    part.remarks, findings = read_remarks(pages, regions, spec)
    part.findings += findings
    part.signatures, findings = read_signatures(pages, regions, spec)
    part.findings += findings


def _boxes(
    words: list[Word], lines: Sequence[Line], header: Region, spec: HeaderSpec, part: HeaderPart
) -> None:
    """Boxes 2, 3 and 4: issuer and ticker, earliest transaction, original filing date.
    They end where box 5's label starts or, with that label not found, at the rule
    right of them."""
    issuer = find_label(words, "issuer", spec)
    period = find_label(words, "earliest_transaction", spec)
    foreign = find_label(words, "foreign_symbol", spec)
    amend = find_label(words, "amendment", spec)
    rel = find_label(words, "relationship", spec)
    placed = issuer or period or amend
    ruled = rule_right_of(lines, placed.box) if placed and not rel else None
    right = box_left(rel) if rel else ruled or header.box.x1
    if issuer is None:
        part.findings.append(_finding("header.missing", "no issuer box (box 2) found", header))
    else:
        # box 2 ends at box 3's label, or at box 2a's (the paper form's foreign symbol)
        under = [h.box.top for h in (period, foreign) if h and h.box.top > issuer.box.bottom]
        area = Box(
            box_left(issuer), issuer.box.bottom, right, min(under, default=header.box.bottom)
        )
        part.issuer = _issuer([w for w in within(words, area) if w not in issuer.words], part)
        _upper_ocr_ticker(part, header)
    if period is not None:
        bottom = amend.box.top if amend else _foot(lines, period, header)
        area = Box(box_left(period), period.box.bottom, right, bottom)
        part.period_of_report = _date(within(words, area), spec, "period_of_report", part)
    if amend is not None:
        area = Box(box_left(amend), amend.box.bottom, right, _foot(lines, amend, header))
        got = _date(within(words, area), spec, "date_of_original_submission", part)
        part.date_of_original_submission = got
    for path, fact in (
        ("issuer.name", part.issuer.name),
        ("issuer.trading_symbol", part.issuer.trading_symbol),
        ("period_of_report", part.period_of_report),
    ):
        if fact.is_empty:
            part.findings.append(
                _finding("header.value_missing", f"{path} not printed or not found", header)
            )


def _foot(lines: Sequence[Line], label: PhraseHit, header: Region) -> float:
    """The foot of the box a label of the last row prints in: the rule under it, or the
    header's foot (the SEC's paper form gives its header a page of its own, and the
    page's closing notice is no value of box 4)."""
    below = rule_below(lines, label.box)
    return min(below, header.box.bottom) if below is not None else header.box.bottom


def _upper_ocr_ticker(part: HeaderPart, header: Region) -> None:
    """A ticker read by OCR in mixed case ("TiCK") is put in capitals, with a finding:
    trading symbols print in capitals and OCR confuses "s" and "S". An exclamation mark
    in it is the capital "I" ("ABC!" at 150 dpi): no ticker holds one. (A bar next to it
    is its bracket, see `_BRACKETS`.) A reading of no ticker's shape (see `_TICKER`) is
    no value: a wrong symbol names another company."""
    fact = part.issuer.trading_symbol
    prov = fact.provenance
    if fact.value is None or prov is None or prov.source != "ocr":
        return
    upper = fact.value.translate(_AS_CAPITAL_I).upper()
    path = "issuer.trading_symbol"
    if not _TICKER.match(upper):
        # no symbol's shape ("1BCD", "#Q" in a fax): kept as raw for a reviewer
        why = "no trading symbol's shape (capitals, a class after a stop or hyphen)"
        part.findings.append(ocr_repair.corrected(path, fact.value, "", why, prov.page, prov.box))
        part.issuer.trading_symbol = Fact(raw=fact.value, provenance=prov)
        return
    if upper == fact.value:
        return
    why = "a ticker prints in capitals"
    part.findings.append(ocr_repair.corrected(path, fact.value, upper, why, prov.page, prov.box))
    part.issuer.trading_symbol = Fact(value=upper, provenance=prov)


# A glyph OCR reads for a capital "I" that no ticker prints.
_AS_CAPITAL_I = str.maketrans({"!": "I"})
# A trading symbol: capitals, with a share class after a stop or hyphen ("BRK.B",
# "BF-B"); or the filer's word for none ("N/A", "NONE").
_TICKER = re.compile(r"^(?:[A-Z]{1,6}(?:[.-][A-Z]{1,2})?|N/?A|NONE)$")


def _issuer(words: list[Word], part: HeaderPart) -> Issuer:
    """'Name [ TICK ]' over one or more lines; brackets print in the label colour.

    The name is what precedes the opening bracket, the ticker what lies between the
    brackets; each keeps the place of its own words. A name's OCR misreadings put
    right are recorded in `part`'s findings.
    """
    ordered = _without_trailing_specks([w for r in rows(words) for w in r.words])
    opening = next((i for i, w in enumerate(ordered) if _opens(w)), None)
    if opening is None:
        opening = _bar_opening(ordered)
    if opening is None:
        ordered, opening = _ocr_ticker_start(ordered)
    if opening is None:
        return Issuer(name=_name_end(text_fact(ordered), part))
    closing = next(
        (i for i in range(len(ordered) - 1, opening - 1, -1) if _closes(ordered[i])),
        len(ordered) - 1,
    )
    if closing > opening + 1 and _misread_bracket(ordered[closing]):
        closing -= 1
    # OCR may read a bracket as "[|" or "|]": no ticker holds a bar
    inside = [w for w in ordered[opening : closing + 1] if w.text.strip(_BRACKETS)]
    ticker = " ".join(w.text.strip(_BRACKETS).strip() for w in inside) or None
    name = ordered[:opening]
    while len(name) > 1 and not name[-1].text.strip(_BRACKETS):
        name.pop()  # an opening bracket read as a bar ("Name | TICK")
    return Issuer(
        name=_name_end(text_fact(name), part),
        trading_symbol=Fact(value=ticker, provenance=provenance(inside)) if ticker else Fact(),
    )


def _name_end(fact: Fact[str], part: HeaderPart) -> Fact[str]:
    """An OCR'd name ending in a comma ends in a full stop ("Corp," for "Corp."): no
    name ends in a comma, and OCR reads a small print full stop as one. An underscore
    is a space. Each change is recorded in `part`'s findings."""
    prov = fact.provenance
    if fact.value is None or prov is None or prov.source != "ocr":
        return fact
    # a low rule or speck under a space reads "_" ("Name,_Inc."): no name holds one
    # an opening bracket run into the name's last word ("ACMEINC[ TICK"): no name ends in one
    value = fact.value.replace("_", " ").rstrip("[{|").rstrip()
    value = _SUFFIX_GLUED.sub(_suffix_apart, value)
    value = value[:-1] + "." if value.endswith(",") else value
    value = _INC_MISREAD.sub(_inc, _BRACKET_INC.sub(_bracket_inc, value))
    value = _COMMA_GLUED.sub(", ", value)
    if value == fact.value:
        return fact
    why = "the end of a company's name"
    path = "issuer.name"
    part.findings.append(ocr_repair.corrected(path, fact.value, value, why, prov.page, prov.box))
    return Fact(value=value, provenance=prov)


# A name's legal form "Inc" as a fax reads it ("Ing.", "Ine", "lnc", "Lnc."): the last
# word of a company's name, after a comma or a space, where no other word prints.
_INC_MISREAD = re.compile(r"(?<=[ ,])([IlL1][nN])([cgeaoCGEAO])(\.?)$")


# ... or with its "I" read as a bracket, which no word of a name starts with, and the
# "n" beside it as an "o" ("Name, [og.").
_BRACKET_INC = re.compile(r"(?<=,)\s+[\[|]([nNoO])([cgeaoCGEAO])(\.?)$")
# A comma run into the legal form after it ("Name,Inc."): the space of small print lost.
_COMMA_GLUED = re.compile(r"(?<=[A-Za-z]),(?=(?:Inc|INC|Corp|CORP|Ltd|LTD)\b)")


def _bracket_inc(m: re.Match[str]) -> str:
    big = m.group(2).isupper()
    return (" INC" if big else " Inc") + m.group(3)


def _inc(m: re.Match[str]) -> str:
    """ "Inc" in the case the misreading printed it ("ING" -> "INC")."""
    return "I" + m.group(1)[1] + ("C" if m.group(2).isupper() else "c") + m.group(3)


# A company's last word in capitals run into its legal form ("ACMEINC" for "ACME INC"):
# OCR loses the space of small print.
_SUFFIX_GLUED = re.compile(r"(?<![\w&'-])([A-Z]{3,})(INC|CORP|LTD|LLC|PLC)([.,]?)$")


def _suffix_apart(m: re.Match[str]) -> str:
    """The word of `_SUFFIX_GLUED` and its legal form apart, unless it is a word of
    English as it stands."""
    from extractor.sources.lexicon import english_words, knows  # the OCR model's own list

    whole = m.group(1) + m.group(2)
    if knows(whole.lower(), english_words()):
        return m.group(0)
    return f"{m.group(1)} {m.group(2)}{m.group(3)}"


# The brackets round a ticker as OCR may read them: "[" as "{" or "|", "]" as "}".
_BRACKETS = "[]{}|"


def _opens(word: Word) -> bool:
    return word.text.startswith("[") or (word.source == "ocr" and word.text in ("{", "{["))


def _bar_opening(ordered: list[Word]) -> int | None:
    """Where a fax's opening bracket read as a bar ("Name, Inc. | TICK") stands: a
    lone "|" after the name's first word with a ticker after it; a name holds no bar."""
    bars = [i for i, w in enumerate(ordered) if i > 0 and w.source == "ocr" and w.text == "|"]
    # a closing bracket read as a bar ends the line: a ticker follows the opening one
    return next(
        (i for i in bars if any(c.isalnum() for w in ordered[i + 1 :] for c in w.text)), None
    )


def _closes(word: Word) -> bool:
    return word.text.endswith("]") or (word.source == "ocr" and word.text.endswith("}"))


def _without_trailing_specks(ordered: list[Word]) -> list[Word]:
    """The words less OCR specks after the closing bracket ("YHOO } -"): dashes and
    dots hold no letter of a name or a ticker."""
    end = len(ordered)
    while (
        end > 1 and ordered[end - 1].source == "ocr" and not ordered[end - 1].text.strip("-—–_.,'~")
    ):
        end -= 1
    return ordered[:end]


def _misread_bracket(word: Word) -> bool:
    """A closing "]" that OCR read as another tall narrow glyph ("J", "}", "|"): a lone
    such glyph after the ticker, never part of it (a ticker prints as one word)."""
    return word.source == "ocr" and word.text in _BRACKET_LOOKALIKES


_BRACKET_LOOKALIKES = {"J", "}", "|", ")", "1", "l", "I"}


def _ocr_ticker_start(ordered: list[Word]) -> tuple[list[Word], int | None]:
    """Where the ticker starts when OCR lost the thin opening bracket: the ticker prints
    in smaller capitals than the name, so it is the run of smaller words at the end
    (a closing "]" aside) after a name of full-size words. The words come back less a
    closing bracket OCR read as a capital ("U J" for "U ]")."""
    if not ordered or ordered[0].source != "ocr":
        return ordered, None
    given = ordered
    if _misread_bracket(ordered[-1]) and len(ordered) > 2 and _capitals(ordered[-2].text):
        ordered = ordered[:-1]
    end = len(ordered) - 1 if ordered[-1].text.strip() in ("]", "}") else len(ordered)
    start = end
    while start > 1 and _smaller(ordered[start - 1], ordered[: start - 1]):
        start -= 1
    if start < end:
        return ordered, start
    return _ticker_before_closing(given)


def _ticker_before_closing(ordered: list[Word]) -> tuple[list[Word], int | None]:
    """The ticker of a fax whose opening bracket OCR lost and whose ticker it read no
    smaller than the name ("Name, Ing, TICK }", "NAME CORP tiCK |"): a closing bracket
    ends box 2 only after a ticker, and a ticker prints as one word, so the word before
    a lone closing bracket is the ticker unless it reads as a word of a name."""
    if len(ordered) < 3 or not _closing_bracket(ordered[-1]):
        return ordered, None
    if not _ticker_shaped(ordered[-2].text):
        return ordered, None
    return ordered[:-1], len(ordered) - 2


def _closing_bracket(word: Word) -> bool:
    return word.text.strip() in ("]", "}") or _misread_bracket(word)


# A ticker is a few letters (a class after a stop: "BRK.B"); a word of a name is
# capitalised ("Corp") or a legal form in capitals, which no ticker prints as.
_TICKER_SHAPE = re.compile(r"[A-Za-z]{1,5}(?:\.[A-Za-z])?")
_CAPITALISED = re.compile(r"[A-Z][a-z]+\.?")
_LEGAL_FORMS = frozenset({"INC", "CORP", "CO", "LTD", "LLC", "LP", "PLC", "NV", "SA", "AG"})


def _ticker_shaped(text: str) -> bool:
    if not _TICKER_SHAPE.fullmatch(text) or _CAPITALISED.fullmatch(text):
        return False
    return any(c.isupper() for c in text) and text.upper().rstrip(".") not in _LEGAL_FORMS


def _smaller(word: Word, name: list[Word]) -> bool:
    """A word in capitals printed clearly smaller than the name words before it."""
    typical = sorted(w.size for w in name)[len(name) // 2]
    return _capitals(word.text) and word.size < _TICKER_SIZE * typical


def _capitals(text: str) -> bool:
    """Capitals, or capitals with one small letter OCR made of a capital that differs
    in size alone ("MsFT"; see `_upper_ocr_ticker`)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.islower() for c in letters) <= 1 and letters[0].isupper()


# The ticker prints at about 0.8 of the name's size; OCR sizes vary by some 5 %.
_TICKER_SIZE = 0.9


def _date(words: list[Word], spec: HeaderSpec, path: str, part: HeaderPart) -> Fact[date]:
    values = [w for w in words if is_value(w, spec)]
    if not values:
        return Fact()
    raw = " ".join(w.text for w in values)
    prov = provenance(values)
    got = parse_date(raw)
    if got is None and values[0].source == "ocr":
        got = _repaired_date(raw, path, part, prov)
    if got is None:
        part.findings.append(
            Finding(
                code="header.unparsed",
                severity=Severity.WARNING,
                message=f"'{raw}' is not a date (MM/DD/YYYY)",
                path=path,
                page=prov.page if prov else None,
                box=prov.box if prov else None,
            )
        )
        return Fact(raw=raw, provenance=prov)
    return Fact(value=got, provenance=prov)


def _repaired_date(raw: str, path: str, part: HeaderPart, prov: Provenance | None) -> date | None:
    """The first other reading of an OCR'd date that parses (see ocr_repair), with a
    finding naming what was read and what was taken."""
    found = ocr_repair.first_parsed(raw, ocr_repair.date_readings, parse_date)
    if found is None:
        return None
    page, box = (prov.page, prov.box) if prov else (None, None)
    why = "a date, MM/DD/YYYY"
    part.findings.append(ocr_repair.corrected(path, raw, found[0], why, page, box))
    return found[1]


def _check_boxes(words: list[Word], spec: HeaderSpec, part: HeaderPart) -> None:
    """The boxes beside the title: None when a box is not printed, else checked or not."""
    keys = ("section16", "rule_10b5_1", "form3_holdings", "form4_transactions")
    labels = {k: find_label(words, k, spec) for k in keys}
    # role labels compete for the same marks, so a role's X is never read as a form box
    for k in ("director", "ten_percent_owner", "officer", "other", "one_person", "more_persons"):
        labels[k] = find_label(words, k, spec)
    on = checked([w for w in words if is_check_mark(w, spec)], labels)

    def state(key: str) -> bool | None:
        return None if labels[key] is None else key in on

    part.not_subject_to_section16 = state("section16")
    part.aff10b5one = state("rule_10b5_1")
    part.form3_holdings_reported = state("form3_holdings")
    part.form4_transactions_reported = state("form4_transactions")


def _document_type(words: list[Word], spec: HeaderSpec, part: HeaderPart) -> DocumentType | None:
    """The largest printed title among the template's form titles; an amendment date in
    box 4 makes it an amendment even when the title does not say so."""
    found: list[tuple[float, str]] = []
    titles = [w for w in words if is_label(w, spec)]
    for doc_type, phrases in spec.form_titles.items():
        for hit in find_labels(titles, phrases, spec):
            found.append((max(w.size for w in hit.words), doc_type))
    if not found:
        part.findings.append(_finding("header.missing", "no form title (FORM 4) found", None))
        return None
    size = max(s for s, _ in found)
    # two titles at the same largest size: the more specific (longer) one, "4/A" over "4"
    doc = max((t for s, t in found if s == size), key=len)
    kind = DocumentType(doc)
    if not kind.is_amendment and part.date_of_original_submission.value is not None:
        kind = DocumentType(f"{kind.value}/A")
    return kind


def _finding(code: str, message: str, region: Region | None) -> Finding:
    return Finding(
        code=code,
        severity=Severity.ERROR if code == "header.missing" else Severity.WARNING,
        message=message,
        page=region.page if region else None,
        box=region.box.as_tuple() if region else None,
    )
