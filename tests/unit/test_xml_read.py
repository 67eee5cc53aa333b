"""read_ownership_xml on small documents written here: values, footnotes, wrappers, errors."""

from __future__ import annotations

import re
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.edgar.xml_read import read_ownership_file, read_ownership_xml
from extractor.errors import InputError, XmlError
from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    Timeliness,
    TransactionCode,
)

# One small Form 4 touching every part of the model; values are deliberately odd:
# true/false booleans, time-zone dates, padded text, total value instead of shares.
ND_TX = """
  <nonDerivativeTransaction>
    <securityTitle><value> Common Stock </value><footnoteId id="F1"/></securityTitle>
    <transactionDate><value>2013-08-06-05:00</value></transactionDate>
    <deemedExecutionDate><value>2013-08-07Z</value></deemedExecutionDate>
    <transactionCoding>
      <transactionFormType>5</transactionFormType>
      <transactionCode>{code}</transactionCode>
      <equitySwapInvolved>true</equitySwapInvolved>
      <footnoteId id="F2"/>
    </transactionCoding>
    <transactionTimeliness><value>E</value><footnoteId id="F3"/></transactionTimeliness>
    <transactionAmounts>
      <transactionShares><value>
        1000.50 </value></transactionShares>
      <transactionPricePerShare><footnoteId id="F1"/></transactionPricePerShare>
      <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode>
    </transactionAmounts>
    <postTransactionAmounts>
      <sharesOwnedFollowingTransaction><value>5381.20</value></sharesOwnedFollowingTransaction>
    </postTransactionAmounts>
    <ownershipNature>
      <directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
      <natureOfOwnership><value>By  Trust</value><footnoteId id="F2"/></natureOfOwnership>
    </ownershipNature>
  </nonDerivativeTransaction>"""

DOC = """<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0306</schemaVersion>
  <documentType>{doc_type}</documentType>
  <periodOfReport>2013-08-06-05:00</periodOfReport>
  <notSubjectToSection16>false</notSubjectToSection16>
  <issuer>
    <issuerCik>0001107843</issuerCik>
    <issuerName>Example Corp</issuerName>
    <issuerTradingSymbol>EXMP</issuerTradingSymbol>
  </issuer>
  <reportingOwner>
    <reportingOwnerId>
      <rptOwnerCik>0001234567</rptOwnerCik>
      <rptOwnerCcc>abc#1234</rptOwnerCcc>
      <rptOwnerName>Doe Jane</rptOwnerName>
    </reportingOwnerId>
    <reportingOwnerAddress>
      <rptOwnerStreet1>1 Main St</rptOwnerStreet1>
      <rptOwnerStreet2></rptOwnerStreet2>
      <rptOwnerCity>London</rptOwnerCity>
      <rptOwnerState>X0</rptOwnerState>
      <rptOwnerZipCode>EC1A 1BB</rptOwnerZipCode>
      <rptOwnerStateDescription>UNITED KINGDOM</rptOwnerStateDescription>
    </reportingOwnerAddress>
    <reportingOwnerRelationship>
      <isDirector>true</isDirector>
      <isOfficer>1</isOfficer>
      <officerTitle>Chief Executive Officer</officerTitle>
    </reportingOwnerRelationship>
  </reportingOwner>
  <aff10b5One>0</aff10b5One>
  <nonDerivativeTable>{nd_rows}
    <nonDerivativeHolding>
      <securityTitle><value>Common Stock</value></securityTitle>
      <transactionCoding><transactionFormType>3</transactionFormType><footnoteId id="F4"/>
      </transactionCoding>
      <postTransactionAmounts>
        <valueOwnedFollowingTransaction><value>250000</value></valueOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
      </ownershipNature>
    </nonDerivativeHolding>
  </nonDerivativeTable>
  <derivativeTable>
    <derivativeTransaction>
      <securityTitle><value>Stock Option</value></securityTitle>
      <conversionOrExercisePrice><value>12.5</value></conversionOrExercisePrice>
      <transactionDate><value>2013-08-06</value></transactionDate>
      <transactionCoding>
        <transactionFormType>4</transactionFormType>
        <transactionCode>M</transactionCode>
        <equitySwapInvolved>0</equitySwapInvolved>
      </transactionCoding>
      <transactionAmounts>
        <transactionTotalValue><value>99000</value></transactionTotalValue>
        <transactionPricePerShare><value>0</value></transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>D</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <exerciseDate><footnoteId id="F3"/></exerciseDate>
      <expirationDate><value>2023-08-06</value></expirationDate>
      <underlyingSecurity>
        <underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
        <underlyingSecurityValue><value>99000</value><footnoteId id="F4"/></underlyingSecurityValue>
      </underlyingSecurity>
      <postTransactionAmounts>
        <sharesOwnedFollowingTransaction><value>0</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
      </ownershipNature>
    </derivativeTransaction>
  </derivativeTable>
  <footnotes>
    <footnote id="F1">First  note.</footnote>
    <footnote id="F2">Held by a trust.</footnote>
    <footnote id="F3">Early.</footnote>
    <footnote id="F4">Late holding.</footnote>
  </footnotes>
  <remarks> Exhibit 24 - Power of Attorney </remarks>
  <ownerSignature>
    <signatureName>/s/ Jane Doe</signatureName>
    <signatureDate>2013-08-08-04:00</signatureDate>
  </ownerSignature>
</ownershipDocument>
"""


def sample(doc_type: str = "4", codes: tuple[str, ...] = ("S",)) -> bytes:
    rows = "".join(ND_TX.format(code=c) for c in codes)
    return DOC.format(doc_type=doc_type, nd_rows=rows).encode()


def message(data: bytes, source: str = "bad-filing.xml") -> str:
    with pytest.raises(XmlError) as info:
        read_ownership_xml(data, source)
    text = str(info.value)
    assert "\n" not in text, "error messages are one line"
    assert text.startswith(f"{source}: "), "error messages name the file first"
    return text


# -- values ----------------------------------------------------------------------------


def test_header_booleans_and_time_zone_dates() -> None:
    filing = read_ownership_xml(sample(), "s.xml")
    assert filing.schema_version == "X0306"
    assert filing.document_type is DocumentType.FORM_4
    assert filing.period_of_report.value == date(2013, 8, 6)
    assert filing.not_subject_to_section16 is False
    assert filing.aff10b5one is False
    assert filing.form3_holdings_reported is None  # absent stays unknown
    assert filing.signatures[0].date.value == date(2013, 8, 8)
    assert filing.signatures[0].name.value == "/s/ Jane Doe"
    assert filing.remarks.value == "Exhibit 24 - Power of Attorney"


def test_owner_ids_address_and_relationship() -> None:
    owner = read_ownership_xml(sample(), "s.xml").reporting_owners[0]
    assert (owner.cik, owner.ccc, owner.name.value) == ("0001234567", "abc#1234", "Doe Jane")
    assert owner.address.street2.value is None  # empty element is no value
    assert owner.address.zip_code.value == "EC1A 1BB"
    assert owner.address.state_description == "UNITED KINGDOM"
    rel = owner.relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (
        True,
        True,
        False,
        False,
    )
    assert rel.officer_title.value == "Chief Executive Officer"


def test_transaction_values_and_where_footnotes_attach() -> None:
    row = read_ownership_xml(sample(), "s.xml").non_derivative_transactions[0]
    assert row.security_title.value == "Common Stock"  # padding stripped
    assert row.security_title.footnote_ids == ["F1"]
    assert row.deemed_execution_date.value == date(2013, 8, 7)
    assert row.coding.form_type is FormType.FORM_5
    assert row.coding.code.value is TransactionCode.S
    assert row.coding.code.footnote_ids == []  # markers after the code belong to the coding
    assert row.coding.footnote_ids == ["F2"]
    assert row.coding.equity_swap_involved is True
    assert row.timeliness.value is Timeliness.EARLY
    assert row.timeliness.footnote_ids == ["F3"]
    assert row.shares.value == Decimal("1000.50")
    assert str(row.shares_owned_following.value) == "5381.20"  # written as read
    assert row.price_per_share.value is None
    assert row.price_per_share.footnote_ids == ["F1"]
    assert row.acquired_disposed.value is AcquiredDisposed.ACQUIRED
    assert row.ownership.direct_or_indirect.value is DirectIndirect.INDIRECT
    assert row.ownership.nature_of_ownership.value == "By  Trust"  # inner spaces kept


def test_holding_coding_and_value_owned() -> None:
    holding = read_ownership_xml(sample(), "s.xml").non_derivative_holdings[0]
    assert holding.coding is not None
    assert holding.coding.form_type is FormType.FORM_3
    assert holding.coding.footnote_ids == ["F4"]
    assert holding.shares_owned_following.value is None
    assert holding.value_owned_following.value == Decimal("250000")


def test_derivative_total_value_and_underlying_value() -> None:
    row = read_ownership_xml(sample(), "s.xml").derivative_transactions[0]
    assert row.shares.value is None
    assert row.total_value.value == Decimal("99000")
    assert row.conversion_or_exercise_price.value == Decimal("12.5")
    assert row.exercise_date.value is None
    assert row.exercise_date.footnote_ids == ["F3"]
    assert row.expiration_date.value == date(2023, 8, 6)
    assert row.underlying_shares.is_empty
    assert row.underlying_value.value == Decimal("99000")
    assert row.underlying_value.footnote_ids == ["F4"]


def test_footnotes_in_order() -> None:
    notes = read_ownership_xml(sample(), "s.xml").footnotes
    assert [(n.id, n.text) for n in notes][:2] == [
        ("F1", "First  note."),
        ("F2", "Held by a trust."),
    ]


def test_submission_txt_wrapper_is_unwrapped() -> None:
    other = b'<?xml version="1.0"?>\n<edgarSubmission><x/></edgarSubmission>'
    wrapped = (
        b"<SEC-DOCUMENT>0000000000-13-000001.txt : 20130808\n<SEC-HEADER>...</SEC-HEADER>\n"
        b"<DOCUMENT>\n<TYPE>EX-24\n<TEXT>\n<XML>\n" + other + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n"
        b"<DOCUMENT>\n<TYPE>4\n<SEQUENCE>1\n<TEXT>\n<XML>\n" + sample() + b"\n</XML>\n"
        b"</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    direct = read_ownership_xml(sample(), "s.xml")
    assert read_ownership_xml(wrapped, "s.txt") == direct


def test_submission_without_ownership_document_is_refused() -> None:
    data = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\nplain text\n</TEXT>\n</DOCUMENT>\n"
    assert "no <XML> block holding an <ownershipDocument>" in message(data, "sub.txt")


def test_read_ownership_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<ownershipDocument>")
    with pytest.raises(XmlError, match=re.escape(f"{path}: not well-formed XML")):
        read_ownership_file(path)
    with pytest.raises(InputError, match=r"missing\.xml: cannot read the file") as info:
        read_ownership_file(tmp_path / "missing.xml")
    assert type(info.value) is InputError  # a missing file is not an XML problem


# -- bad input, one class each ---------------------------------------------------------


def test_not_well_formed_names_the_line() -> None:
    data = b'<?xml version="1.0"?>\n<ownershipDocument>\n  <documentType>4</documentTyp>\n'
    assert "not well-formed XML at line 3" in message(data)


def test_not_xml_at_all() -> None:
    assert "not well-formed XML at line 1" in message(b"%PDF-1.7\n%binary")


def test_wrong_root_element() -> None:
    data = b'<?xml version="1.0"?><foo><documentType>4</documentType></foo>'
    assert "root element is <foo>, expected <ownershipDocument>" in message(data)


@pytest.mark.parametrize("element", ["documentType", "issuer", "reportingOwner"])
def test_missing_required_element(element: str) -> None:
    text = sample().decode()
    start, end = text.index(f"<{element}>"), text.index(f"</{element}>") + len(element) + 3
    data = (text[:start] + text[end:]).encode()
    assert f"required element <{element}> is missing" in message(data)


def test_bad_transaction_code_names_the_row() -> None:
    text = message(sample(codes=("S", "Q")))
    assert "transactionCode 'Q' in nonDerivativeTransaction[2] is not an SEC code" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "<value>2023-08-06</value>",
            "<value>2023-02-30</value>",
            "expirationDate '2023-02-30' in derivativeTransaction[1] is not a date",
        ),
        (
            "<isDirector>true</isDirector>",
            "<isDirector>yes</isDirector>",
            "isDirector 'yes' in reportingOwner[1] is not a boolean",
        ),
        (
            "<value>12.5</value>",
            "<value>12.5.1</value>",
            "conversionOrExercisePrice '12.5.1' in derivativeTransaction[1] is not a number",
        ),
        (
            "<documentType>4</documentType>",
            "<documentType>7</documentType>",
            "documentType '7' is not one of 3, 3/A, 4, 4/A, 5, 5/A",
        ),
        (
            "<value>I</value>",
            "<value>X</value>",
            "directOrIndirectOwnership 'X' in nonDerivativeTransaction[1] is not one of D, I",
        ),
    ],
)
def test_bad_values_name_element_and_row(old: str, new: str, expected: str) -> None:
    data = sample().decode().replace(old, new, 1).encode()
    assert expected in message(data)


# -- hostile XML -----------------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE ownershipDocument [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<ownershipDocument><documentType>4</documentType><remarks>&g;</remarks></ownershipDocument>
"""


def xxe(secret_path: Path, encoding: str = "utf-8") -> bytes:
    text = f"""<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE ownershipDocument [<!ENTITY leak SYSTEM "file://{secret_path}">]>
<ownershipDocument><documentType>4</documentType><periodOfReport>2013-08-06</periodOfReport>
<issuer><issuerCik>1</issuerCik><issuerTradingSymbol>X</issuerTradingSymbol></issuer>
<reportingOwner><reportingOwnerId><rptOwnerCik>2</rptOwnerCik></reportingOwnerId>
</reportingOwner><remarks>&leak;</remarks></ownershipDocument>"""
    return text.encode(encoding)


def test_billion_laughs_is_refused_without_expansion() -> None:
    started = time.perf_counter()
    text = message(LAUGHS, "laughs.xml")
    assert time.perf_counter() - started < 1.0
    assert "DOCTYPE declares entities" in text
    assert "aaaa" not in text


def test_xxe_file_read_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = message(xxe(secret), "xxe.xml")
    assert "DOCTYPE declares entities" in text
    assert "TOP-SECRET-VALUE" not in text


def test_regression_xxe_in_utf16_is_refused_after_parsing(tmp_path: Path) -> None:
    """The byte scan cannot see `<!ENTITY` in UTF-16; the parsed DTD check must."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = message(xxe(secret, "utf-16"), "xxe16.xml")
    assert "DOCTYPE declares entities" in text


def test_doctype_without_entities_is_accepted() -> None:
    data = sample().replace(
        b"<ownershipDocument>", b"<!DOCTYPE ownershipDocument>\n<ownershipDocument>", 1
    )
    assert read_ownership_xml(data, "s.xml").issuer.trading_symbol.value == "EXMP"
