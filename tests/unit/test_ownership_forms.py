"""The ownership form (D or I) an OCR'd row lost or misread, put back from its nature."""

from __future__ import annotations

import pytest

from extractor.layout.ownership_forms import with_forms_from_natures
from extractor.model.codes import DirectIndirect, DocumentType
from extractor.model.filing import Fact, Filing, NonDerivativeHolding, OwnershipNature, Provenance

DIRECT, INDIRECT = DirectIndirect.DIRECT, DirectIndirect.INDIRECT


def _where(confidence: float, source: str = "ocr") -> Provenance:
    return Provenance(
        page=1, box=(500.0, 300.0, 510.0, 306.0), source=source, confidence=confidence
    )


def _filing(form: Fact[DirectIndirect], nature: str | None, source: str = "ocr") -> Filing:
    title = Fact[str](value="Zorb Stock", provenance=_where(0.9, source))
    ownership = OwnershipNature(
        direct_or_indirect=form,
        nature_of_ownership=Fact[str](
            value=nature, provenance=_where(0.8, source) if nature else None
        ),
    )
    row = NonDerivativeHolding(security_title=title, ownership=ownership)
    return Filing(document_type=DocumentType.FORM_4, non_derivative_holdings=[row])


def _form_of(filing: Filing) -> DirectIndirect | None:
    return filing.non_derivative_holdings[0].ownership.direct_or_indirect.value


@pytest.mark.parametrize(
    ("form", "nature", "meant"),
    [
        (Fact[DirectIndirect](raw="bo", provenance=_where(0.3)), None, DIRECT),  # a faxed "D"
        (Fact[DirectIndirect](), None, DIRECT),  # nothing read in the cell
        (Fact[DirectIndirect](), "By Zorb Trust", INDIRECT),
        (
            Fact[DirectIndirect](value=INDIRECT, provenance=_where(0.3)),
            None,
            DIRECT,
        ),  # a bare stroke
        (Fact[DirectIndirect](value=DIRECT, provenance=_where(0.6)), "See Footnote", INDIRECT),
    ],
)
def test_a_lost_or_unsure_form_is_the_one_the_nature_calls_for(
    form: Fact[DirectIndirect], nature: str | None, meant: DirectIndirect
) -> None:
    filing = _filing(form, nature)
    findings = with_forms_from_natures(filing)
    assert _form_of(filing) is meant
    assert [f.code for f in findings] == ["ocr.corrected"]


@pytest.mark.parametrize(
    ("form", "nature"),
    [
        (
            Fact[DirectIndirect](value=DIRECT, provenance=_where(0.9)),
            "By Zorb Trust",
        ),  # read surely
        (Fact[DirectIndirect](value=INDIRECT, provenance=_where(0.3)), "|"),  # a speck is no nature
        (Fact[DirectIndirect](value=DIRECT, provenance=_where(0.4)), None),  # agrees
    ],
)
def test_a_sure_or_agreeing_form_stays(form: Fact[DirectIndirect], nature: str | None) -> None:
    filing = _filing(form, nature)
    assert with_forms_from_natures(filing) == []
    assert _form_of(filing) is form.value


def test_a_text_layer_row_is_never_changed() -> None:
    filing = _filing(Fact[DirectIndirect](), "By Zorb Trust", source="text")
    assert with_forms_from_natures(filing) == []
    assert _form_of(filing) is None
