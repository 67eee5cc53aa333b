"""The ownership form of an OCR'd row ("D" or "I", column 6) put back from its nature.

Column 7 names the nature of an indirect ownership ("By Trust", "See Footnote") and is
left blank for securities held directly: in the corpus's 2,428 rows, every row with a
nature is "I" and every row without one is "D". A fax loses the form's letter (a "D"
whose bars it erased reads as brackets or nothing, an "I" as a speck) or reads one as
the other. A row of an OCR'd page whose form was not read, or was read unsurely as the
one its nature rules out, takes the one its nature calls for, with a finding. A form
read surely stays as read (the validator reports the mismatch), and so does a row
whose nature may be a speck read as a letter or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from extractor.layout import ocr_repair
from extractor.layout.unread_markers import TABLES
from extractor.model.codes import DirectIndirect
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding

# A form read at least this surely is a reading, whatever the nature says.
_SURE = 0.75
# A nature holds a word of this many letters at least ("By", "See" and more): a speck or
# a rule's stub read as a letter or two is no nature.
_WORD = re.compile(r"[A-Za-z]{2,}")


def with_forms_from_natures(filing: Filing) -> list[Finding]:
    """Each OCR'd ownership form lost or unsurely misread put back, in place, to the one
    its row's nature calls for (see the module's docstring); a finding each."""
    findings: list[Finding] = []
    for path, row in _rows(filing):
        ownership = row.ownership
        meant = _called_for(ownership.nature_of_ownership.value)
        form = ownership.direct_or_indirect
        if meant is None or form.value is meant or not _in_doubt(form, row):
            continue
        ownership.direct_or_indirect = Fact[DirectIndirect](
            value=meant, footnote_ids=form.footnote_ids, provenance=form.provenance
        )
        why = "a row with a nature of ownership is held indirectly, one without directly"
        read = form.raw if form.value is None else form.value.value
        prov = form.provenance
        page, box = (prov.page, prov.box) if prov is not None else (None, None)
        findings.append(ocr_repair.corrected(path, read or "", meant.value, why, page, box))
    return findings


def _called_for(nature: str | None) -> DirectIndirect | None:
    """The form a nature calls for: "I" for a nature, "D" for none, None for a reading
    that may be a speck."""
    if not nature or not nature.strip():
        return DirectIndirect.DIRECT
    return DirectIndirect.INDIRECT if _WORD.search(nature) else None


def _rows(filing: Filing) -> Iterator[tuple[str, Any]]:
    for name in TABLES:
        for at, row in enumerate(getattr(filing, name)):
            yield f"{name}[{at}].ownership.direct_or_indirect", row


def _in_doubt(form: Fact[DirectIndirect], row: Any) -> bool:
    """Whether an ownership form of an OCR'd row was not read, or not read surely."""
    prov = form.provenance
    if prov is None:  # nothing read in the cell: the row's title tells how it was read
        title = row.security_title.provenance
        return form.value is None and title is not None and title.source == "ocr"
    return prov.source == "ocr" and (form.value is None or prov.confidence < _SURE)
