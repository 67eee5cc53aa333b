"""A reporting person's name misread in a signature, put back from box 1's name.

Names are invented."""

from __future__ import annotations

import pytest

from extractor.layout.signer_names import with_signers_named
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Filing, Provenance, ReportingOwner, Signature


def _filing(owner: str, owner_sure: float, signed: str, signed_sure: float) -> Filing:
    def fact(value: str, sure: float) -> Fact[str]:
        where = Provenance(page=1, box=(0, 0, 9, 9), source="ocr", confidence=sure)
        return Fact(value=value, provenance=where)

    return Filing(
        document_type=DocumentType.FORM_4,
        reporting_owners=[ReportingOwner(name=fact(owner, owner_sure))],
        signatures=[Signature(name=fact(signed, signed_sure))],
    )


@pytest.mark.parametrize(
    ("signed", "taken"),
    [
        (
            "Pat Quill, Attorney-in-fact for Ivan Q. Zorbe",
            "Pat Quill, Attorney-in-fact for Ivan Q. Zorba",
        ),
        (
            "Pat Quill, Attorney-in-fact for Ivar Q. Zorba",
            "Pat Quill, Attorney-in-fact for Ivan Q. Zorba",
        ),
        ("/s/ IVAN ZORBE", "/s/ IVAN ZORBA"),
    ],
)
def test_an_owner_s_name_misread_in_the_signature_is_put_back(signed: str, taken: str) -> None:
    filing = _filing("Zorba Ivan Q", 0.96, signed, 0.7)
    found = with_signers_named(filing)
    assert filing.signatures[0].name.value == taken
    assert len(found) == 1 and found[0].code == "ocr.corrected"


@pytest.mark.parametrize(
    ("owner_sure", "signed", "signed_sure"),
    [
        (0.96, "Pat Quill, Attorney-in-fact for Ivan Zorba", 0.7),  # as printed
        (0.96, "Zorbe Ivan", 0.97),  # the signature read as surely as box 1
        (0.6, "Zorbe Ivan", 0.5),  # box 1 read unsurely: no witness
        (0.96, "Iva Zorba", 0.7),  # a letter fewer: another name
        (0.96, "Ivo Zorba, attorney-in-fact", 0.7),  # too short to tell ("Ivo"/"Ivan")
        (0.96, "Pat Quilt for Ivan Zorba", 0.7),  # no word of box 1's name near it
    ],
)
def test_a_signature_box_1_does_not_vouch_against_stays(
    owner_sure: float, signed: str, signed_sure: float
) -> None:
    filing = _filing("Zorba Ivan", owner_sure, signed, signed_sure)
    assert with_signers_named(filing) == []
    assert filing.signatures[0].name.value == signed
