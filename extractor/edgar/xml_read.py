"""Read an EDGAR ownershipDocument (Forms 3, 4, 5) into the output model.

Accepts the bare XML of any schema version EDGAR has disseminated (X0202 .. X0609) and
the full submission `.txt` that wraps it in `<DOCUMENT>...<XML>...</XML>`. Values are
taken as EDGAR writes them: booleans as 0/1/true/false, dates possibly with a time-zone
suffix (`2013-08-06-05:00`), text with surrounding white space. Anything that cannot be
read raises `XmlError` whose one-line message names the file and the element.

Parsing is hardened: no entity expansion, no network, no huge trees, and a DOCTYPE that
declares entities is refused outright (XXE and "billion laughs" payloads).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TypeVar

from lxml import etree

from extractor.errors import InputError, XmlError
from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    Timeliness,
    TransactionCode,
)
from extractor.model.filing import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
)

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

ROOT = "ownershipDocument"
# Without these a filing says nothing useful: what form, when, about whom, by whom.
REQUIRED = ("documentType", "periodOfReport", "issuer", "reportingOwner")
_ENCODING_REMEDY = (
    "the text is not in the declared encoding (UTF-8 when none is declared): "
    "convert it to UTF-8 or declare it, e.g. <?xml version='1.0' encoding='ISO-8859-1'?>"
)
_REMEDY_XML = "give the EDGAR ownershipDocument XML or the submission .txt that contains it"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_TRUE, _FALSE = ("1", "true"), ("0", "false")
# EDGAR's submission .txt: SGML-like tags, each document's XML inside <XML>..</XML>.
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.S)
_SUBMISSION_TAG = re.compile(rb"<(?:SEC-DOCUMENT|SUBMISSION|DOCUMENT|TYPE)>")


def read_ownership_file(path: Path) -> Filing:
    """Read an ownership XML file or an EDGAR submission `.txt` from disk."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    return read_ownership_xml(data, str(path))


def read_ownership_xml(data: bytes, source: str) -> Filing:
    """Parse `data` (XML or a submission wrapping it); `source` names it in errors."""
    root = parse_ownership_root(data, source)
    return _Reader(source).filing(root)


def parse_ownership_root(data: bytes, source: str) -> etree._Element:
    """The checked `<ownershipDocument>` element of `data`, parsed safely."""
    root = _parse_safely(_unwrap_submission(data, source), source)
    if root.tag != ROOT:
        raise XmlError(source, f"root element is <{root.tag}>, expected <{ROOT}>", _REMEDY_XML)
    for name in REQUIRED:
        if root.find(name) is None:
            raise XmlError(source, f"required element <{name}> is missing", _REMEDY_XML)
    return root


def _unwrap_submission(data: bytes, source: str) -> bytes:
    """The ownershipDocument XML inside an EDGAR submission `.txt`, or `data` unchanged."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    if head.startswith((b"<?xml", b"<" + ROOT.encode())):
        return data
    blocks = [m.group(1) for m in _XML_BLOCK.finditer(data)]
    if not blocks and not _SUBMISSION_TAG.search(data[:4096]):
        return data  # neither XML nor a submission: the parser says what is wrong
    for block in blocks:
        if b"<" + ROOT.encode() in block:
            return block
    raise XmlError(
        source,
        f"EDGAR submission has no <XML> block holding an <{ROOT}>",
        "the filing may have been made on paper or as text only; give its XML",
    )


def _refuse_entities(data: bytes, source: str) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities, before any parsing.

    Entities only serve to expand text (XXE file reads, "billion laughs"); EDGAR never
    uses them. Checked on the bytes so the parser never sees the declarations.
    """
    start = data.find(b"<!DOCTYPE")
    if start < 0:
        return
    end = data.find(b"]>", start)
    subset = data[start : end if end >= 0 else len(data)]
    if b"<!ENTITY" in subset:
        raise XmlError(source, "DOCTYPE declares entities; refused", "remove the DOCTYPE")


def _parse_safely(data: bytes, source: str) -> etree._Element:
    _refuse_entities(data, source)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        # Bytes that are not UTF-8 in a file that declares no encoding (often Latin-1):
        # XML says such a file is UTF-8, so the remedy is to say what it really is.
        remedy = _ENCODING_REMEDY if "encoding" in exc.msg.lower() else None
        raise XmlError(source, f"not well-formed XML at line {line}: {exc.msg}", remedy) from exc
    dtd = root.getroottree().docinfo.internalDTD
    # lxml-stubs 0.5 lack DTD.iterentities (lxml has it since 2.x).
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[union-attr]
        # The same refusal, for encodings the byte check above cannot read (UTF-16).
        raise XmlError(source, "DOCTYPE declares entities; refused", "remove the DOCTYPE")
    return root


@dataclass(frozen=True)
class _Reader:
    """Turns elements into model objects; `source` goes into every error message."""

    source: str

    # -- scalar values -------------------------------------------------------------

    def fail(self, tag: str, raw: str, where: str, why: str) -> XmlError:
        place = f" in {where}" if where else ""
        return XmlError(self.source, f"{tag} {raw!r}{place} {why}")

    def text(self, el: etree._Element | None) -> str | None:
        """Stripped text of a field: its `<value>` child when it has one, else its own."""
        if el is None:
            return None
        holder = el.find("value")
        raw = (holder if holder is not None else el).text
        raw = raw.strip() if raw else ""
        return raw or None

    def parse_decimal(self, raw: str, tag: str, where: str) -> Decimal:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise self.fail(tag, raw, where, "is not a number")
        return value

    def parse_date(self, raw: str, tag: str, where: str) -> date:
        match = _DATE.match(raw)
        try:
            if match:
                return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
        raise self.fail(tag, raw, where, "is not a date (YYYY-MM-DD)")

    def parse_bool(self, raw: str | None, tag: str, where: str) -> bool | None:
        if raw is None:
            return None
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise self.fail(tag, raw, where, "is not a boolean (0/1/true/false)")

    def parse_code(self, enum: type[E], raw: str, tag: str, where: str) -> E:
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum)
            why = "is not an SEC code" if enum is TransactionCode else f"is not one of {allowed}"
            raise self.fail(tag, raw, where, why) from None

    # -- facts -----------------------------------------------------------------------

    def footnote_ids(self, el: etree._Element | None) -> list[str]:
        """Ids of the `<footnoteId>` elements directly under `el`, in document order."""
        if el is None:
            return []
        ids = ((f.get("id") or "").strip() for f in el.findall("footnoteId"))
        return [i for i in ids if i]

    def fact(
        self, parent: etree._Element, path: str, parse: Callable[[str, str, str], T], where: str
    ) -> Fact[T]:
        el = parent.find(path)
        raw = self.text(el)
        tag = path.rsplit("/", 1)[-1]
        value = parse(raw, tag, where) if raw is not None else None
        return Fact[T](value=value, footnote_ids=self.footnote_ids(el))

    def text_fact(self, parent: etree._Element, path: str, where: str = "") -> Fact[str]:
        return self.fact(parent, path, lambda raw, _t, _w: raw, where)

    def num_fact(self, parent: etree._Element, path: str, where: str) -> Fact[Decimal]:
        return self.fact(parent, path, self.parse_decimal, where)

    def date_fact(self, parent: etree._Element, path: str, where: str = "") -> Fact[date]:
        return self.fact(parent, path, self.parse_date, where)

    def code_fact(self, parent: etree._Element, path: str, enum: type[E], where: str) -> Fact[E]:
        return self.fact(parent, path, lambda raw, t, w: self.parse_code(enum, raw, t, w), where)

    def flag(self, parent: etree._Element, path: str, where: str = "") -> bool | None:
        return self.parse_bool(self.text(parent.find(path)), path.rsplit("/", 1)[-1], where)

    # -- document --------------------------------------------------------------------

    def filing(self, root: etree._Element) -> Filing:
        nd, dt = root.find("nonDerivativeTable"), root.find("derivativeTable")
        return Filing(
            schema_version=self.text(root.find("schemaVersion")),
            document_type=self.document_type(root),
            period_of_report=self.date_fact(root, "periodOfReport"),
            date_of_original_submission=self.date_fact(root, "dateOfOriginalSubmission"),
            no_securities_owned=self.flag(root, "noSecuritiesOwned"),
            not_subject_to_section16=self.flag(root, "notSubjectToSection16"),
            form3_holdings_reported=self.flag(root, "form3HoldingsReported"),
            form4_transactions_reported=self.flag(root, "form4TransactionsReported"),
            aff10b5one=self.flag(root, "aff10b5One"),
            issuer=self.issuer(root.find("issuer")),
            reporting_owners=[
                self.owner(el, f"reportingOwner[{i}]")
                for i, el in enumerate(root.findall("reportingOwner"), 1)
            ],
            non_derivative_transactions=self.rows(nd, "nonDerivativeTransaction", self.nd_tx),
            non_derivative_holdings=self.rows(nd, "nonDerivativeHolding", self.nd_hold),
            derivative_transactions=self.rows(dt, "derivativeTransaction", self.d_tx),
            derivative_holdings=self.rows(dt, "derivativeHolding", self.d_hold),
            footnotes=self.footnotes(root),
            remarks=self.text_fact(root, "remarks"),
            signatures=[
                self.signature(el, i) for i, el in enumerate(root.findall("ownerSignature"))
            ],
        )

    def document_type(self, root: etree._Element) -> DocumentType:
        raw = self.text(root.find("documentType"))
        if raw is None:
            raise XmlError(self.source, "required element <documentType> is empty", _REMEDY_XML)
        return self.parse_code(DocumentType, raw, "documentType", "")

    def issuer(self, el: etree._Element | None) -> Issuer:
        if el is None:
            return Issuer()
        return Issuer(
            cik=self.text(el.find("issuerCik")),
            name=self.text_fact(el, "issuerName"),
            trading_symbol=self.text_fact(el, "issuerTradingSymbol"),
        )

    def owner(self, el: etree._Element, where: str) -> ReportingOwner:
        rel = el.find("reportingOwnerRelationship")
        return ReportingOwner(
            cik=self.text(el.find("reportingOwnerId/rptOwnerCik")),
            ccc=self.text(el.find("reportingOwnerId/rptOwnerCcc")),
            name=self.text_fact(el, "reportingOwnerId/rptOwnerName"),
            address=self.address(el.find("reportingOwnerAddress")),
            relationship=self.relationship(rel, where) if rel is not None else Relationship(),
        )

    def address(self, el: etree._Element | None) -> Address:
        if el is None:
            return Address()
        return Address(
            street1=self.text_fact(el, "rptOwnerStreet1"),
            street2=self.text_fact(el, "rptOwnerStreet2"),
            city=self.text_fact(el, "rptOwnerCity"),
            state=self.text_fact(el, "rptOwnerState"),
            zip_code=self.text_fact(el, "rptOwnerZipCode"),
            state_description=self.text(el.find("rptOwnerStateDescription")),
        )

    def relationship(self, el: etree._Element, where: str) -> Relationship:
        # An absent or empty box is an unchecked box.
        return Relationship(
            is_director=self.flag(el, "isDirector", where) or False,
            is_officer=self.flag(el, "isOfficer", where) or False,
            is_ten_percent_owner=self.flag(el, "isTenPercentOwner", where) or False,
            is_other=self.flag(el, "isOther", where) or False,
            officer_title=self.text_fact(el, "officerTitle"),
            other_text=self.text_fact(el, "otherText"),
        )

    def footnotes(self, root: etree._Element) -> list[Footnote]:
        return [
            Footnote(
                id=(el.get("id") or "").strip(), text="".join(str(t) for t in el.itertext()).strip()
            )
            for el in root.iterfind("footnotes/footnote")
        ]

    def signature(self, el: etree._Element, index: int) -> Signature:
        where = f"ownerSignature[{index + 1}]"
        return Signature(
            name=self.text_fact(el, "signatureName"),
            date=self.date_fact(el, "signatureDate", where),
        )

    # -- table rows ------------------------------------------------------------------

    def rows(
        self,
        table: etree._Element | None,
        tag: str,
        make: Callable[[etree._Element, str], T],
    ) -> list[T]:
        if table is None:
            return []
        return [make(el, f"{tag}[{i}]") for i, el in enumerate(table.findall(tag), 1)]

    def row_common(self, el: etree._Element, where: str) -> dict[str, object]:
        """Fields every row has: title, amount owned after, ownership form."""
        return {
            "security_title": self.text_fact(el, "securityTitle", where),
            "shares_owned_following": self.num_fact(
                el, "postTransactionAmounts/sharesOwnedFollowingTransaction", where
            ),
            "value_owned_following": self.num_fact(
                el, "postTransactionAmounts/valueOwnedFollowingTransaction", where
            ),
            "ownership": OwnershipNature(
                direct_or_indirect=self.code_fact(
                    el, "ownershipNature/directOrIndirectOwnership", DirectIndirect, where
                ),
                nature_of_ownership=self.text_fact(el, "ownershipNature/natureOfOwnership"),
            ),
        }

    def transaction_fields(self, el: etree._Element, where: str) -> dict[str, object]:
        amounts = "transactionAmounts/"
        return {
            "transaction_date": self.date_fact(el, "transactionDate", where),
            "deemed_execution_date": self.date_fact(el, "deemedExecutionDate", where),
            "coding": self.coding(el.find("transactionCoding"), where) or TransactionCoding(),
            "timeliness": self.code_fact(el, "transactionTimeliness", Timeliness, where),
            "shares": self.num_fact(el, amounts + "transactionShares", where),
            "total_value": self.num_fact(el, amounts + "transactionTotalValue", where),
            "price_per_share": self.num_fact(el, amounts + "transactionPricePerShare", where),
            "acquired_disposed": self.code_fact(
                el, amounts + "transactionAcquiredDisposedCode", AcquiredDisposed, where
            ),
        }

    def derivative_fields(self, el: etree._Element, where: str) -> dict[str, object]:
        under = "underlyingSecurity/"
        return {
            "conversion_or_exercise_price": self.num_fact(el, "conversionOrExercisePrice", where),
            "exercise_date": self.date_fact(el, "exerciseDate", where),
            "expiration_date": self.date_fact(el, "expirationDate", where),
            "underlying_title": self.text_fact(el, under + "underlyingSecurityTitle", where),
            "underlying_shares": self.num_fact(el, under + "underlyingSecurityShares", where),
            "underlying_value": self.num_fact(el, under + "underlyingSecurityValue", where),
        }

    def coding(self, el: etree._Element | None, where: str) -> TransactionCoding | None:
        if el is None:
            return None
        form = self.text(el.find("transactionFormType"))
        return TransactionCoding(
            form_type=self.parse_code(FormType, form, "transactionFormType", where)
            if form
            else None,
            code=self.code_fact(el, "transactionCode", TransactionCode, where),
            equity_swap_involved=self.flag(el, "equitySwapInvolved", where),
            footnote_ids=self.footnote_ids(el),
        )

    def nd_tx(self, el: etree._Element, where: str) -> NonDerivativeTransaction:
        return NonDerivativeTransaction.model_validate(
            self.row_common(el, where) | self.transaction_fields(el, where)
        )

    def nd_hold(self, el: etree._Element, where: str) -> NonDerivativeHolding:
        coding = self.coding(el.find("transactionCoding"), where)
        return NonDerivativeHolding.model_validate(self.row_common(el, where) | {"coding": coding})

    def d_tx(self, el: etree._Element, where: str) -> DerivativeTransaction:
        fields = self.transaction_fields(el, where) | self.derivative_fields(el, where)
        return DerivativeTransaction.model_validate(self.row_common(el, where) | fields)

    def d_hold(self, el: etree._Element, where: str) -> DerivativeHolding:
        coding = self.coding(el.find("transactionCoding"), where)
        fields = self.derivative_fields(el, where) | {"coding": coding}
        return DerivativeHolding.model_validate(self.row_common(el, where) | fields)
