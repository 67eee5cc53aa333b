"""The renderer: EDGAR number/date formatting, the HTML it prints, and the PDF text layer.

The filings are built here, value by value, so every expected string is written by hand
and never computed by the code under test.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest

from extractor.edgar.render import (
    filing_to_html,
    format_date,
    format_number,
    format_price,
    markers,
    render_filing,
)
from extractor.edgar.xml_read import read_ownership_file
from extractor.errors import RenderError, UsageError
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
from extractor.sources.pdf_text import pdf_to_pages
from tests.conftest import CORPUS, corpus_dir, corpus_files

needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="Chromium is not installed (apt-get install chromium); PDF rendering untested",
)


# --- formatting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("10000", "10,000"),
        ("18.36540", "18.3654"),
        ("0.00", "0"),
        ("0", "0"),
        ("5381.20", "5,381.2"),
        ("1E+3", "1,000"),
        ("0.0001", "0.0001"),
        ("1234567.5", "1,234,567.5"),
        ("100", "100"),
    ],
)
def test_format_number_is_edgar_style(value: str, printed: str) -> None:
    assert format_number(Decimal(value)) == printed


def test_format_price_prefixes_dollar() -> None:
    assert format_price(Decimal("18.3654")) == "$18.3654"
    assert format_price(Decimal("4.10")) == "$4.1"
    assert format_price(Decimal("0.00")) == "$0"


def test_format_date_is_month_day_year() -> None:
    assert format_date(date(2013, 8, 6)) == "08/06/2013"


def test_several_markers_may_wrap_between_them() -> None:
    html = filing_to_html(_filing())
    assert 'By Trust</span><span class="FootnoteData"><sup>(1)<wbr>(3)</sup>' in html


def test_markers_print_in_order_given() -> None:
    assert markers(["F1", "F12"]) == "(1)(12)"
    assert markers([]) == ""


# --- a filing built by hand --------------------------------------------------------


def _owner(name: str, *, director: bool = False, officer: str | None = None) -> ReportingOwner:
    return ReportingOwner(
        name=Fact[str](value=name),
        address=Address(
            street1=Fact[str](value="C/O EXAMPLE CORP"),
            street2=Fact[str](value="1 MARKET STREET"),
            city=Fact[str](value="SPRINGFIELD"),
            state=Fact[str](value="IL"),
            zip_code=Fact[str](value="62701"),
        ),
        relationship=Relationship(
            is_director=director,
            is_officer=officer is not None,
            officer_title=Fact[str](value=officer),
        ),
    )


def _direct() -> OwnershipNature:
    return OwnershipNature(direct_or_indirect=Fact[DirectIndirect](value=DirectIndirect.DIRECT))


def _sale() -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact[str](value="Common Stock"),
        transaction_date=Fact[date](value=date(2013, 8, 6)),
        coding=TransactionCoding(
            form_type=FormType.FORM_4,
            code=Fact[TransactionCode](value=TransactionCode.S),
            footnote_ids=["F1"],
        ),
        shares=Fact[Decimal](value=Decimal("10000")),
        price_per_share=Fact[Decimal](value=Decimal("18.36540"), footnote_ids=["F2"]),
        acquired_disposed=Fact[AcquiredDisposed](value=AcquiredDisposed.DISPOSED),
        shares_owned_following=Fact[Decimal](value=Decimal("55500")),
        ownership=_direct(),
    )


def _late_swap() -> NonDerivativeTransaction:
    """Reported on Form 5 (prints V), late with a footnote, an equity swap (prints (K))."""
    return NonDerivativeTransaction(
        security_title=Fact[str](value="Common Stock"),
        transaction_date=Fact[date](value=date(2013, 8, 7)),
        coding=TransactionCoding(
            form_type=FormType.FORM_5,
            code=Fact[TransactionCode](value=TransactionCode.J),
            equity_swap_involved=True,
        ),
        timeliness=Fact[Timeliness](value=Timeliness.LATE, footnote_ids=["F4"]),
        shares=Fact[Decimal](value=Decimal("250.5")),
        price_per_share=Fact[Decimal](value=Decimal("0")),
        acquired_disposed=Fact[AcquiredDisposed](value=AcquiredDisposed.ACQUIRED),
        shares_owned_following=Fact[Decimal](value=Decimal("55750.5")),
        ownership=OwnershipNature(
            direct_or_indirect=Fact[DirectIndirect](value=DirectIndirect.INDIRECT),
            nature_of_ownership=Fact[str](value="By Trust", footnote_ids=["F1", "F3"]),
        ),
    )


def _option() -> DerivativeTransaction:
    return DerivativeTransaction(
        security_title=Fact[str](value="Stock Option (right to buy)"),
        conversion_or_exercise_price=Fact[Decimal](value=Decimal("4.10")),
        transaction_date=Fact[date](value=date(2013, 8, 6)),
        coding=TransactionCoding(code=Fact[TransactionCode](value=TransactionCode.M)),
        shares=Fact[Decimal](value=Decimal("10000")),
        price_per_share=Fact[Decimal](value=Decimal("0")),
        acquired_disposed=Fact[AcquiredDisposed](value=AcquiredDisposed.DISPOSED),
        exercise_date=Fact[date](footnote_ids=["F3"]),
        expiration_date=Fact[date](value=date(2020, 11, 5)),
        underlying_title=Fact[str](value="Common Stock"),
        underlying_shares=Fact[Decimal](value=Decimal("10000")),
        shares_owned_following=Fact[Decimal](value=Decimal("140591")),
        ownership=_direct(),
    )


def _filing(**changes: object) -> Filing:
    base = Filing(
        document_type=DocumentType.FORM_4,
        period_of_report=Fact[date](value=date(2013, 8, 6)),
        issuer=Issuer(name=Fact[str](value="EXAMPLE CORP"), trading_symbol=Fact[str](value="EXMP")),
        reporting_owners=[_owner("Doe Jane Q", officer="EVP, Field Operations")],
        non_derivative_transactions=[_sale(), _late_swap()],
        non_derivative_holdings=[
            NonDerivativeHolding(
                security_title=Fact[str](value="Class B Stock"),
                shares_owned_following=Fact[Decimal](value=Decimal("1200")),
                ownership=_direct(),
            )
        ],
        derivative_transactions=[_option()],
        footnotes=[
            Footnote(id="F1", text="Effected under a Rule 10b5-1 trading plan."),
            Footnote(id="F2", text="Weighted average price; range $18.00 to $18.81."),
            Footnote(id="F3", text="The option is immediately exercisable."),
            Footnote(id="F4", text="Reported late by oversight."),
        ],
        remarks=Fact[str](value="Exhibit 24 - Power of Attorney"),
        signatures=[
            Signature(
                name=Fact[str](value="/s/ J. Roe, attorney-in-fact"),
                date=Fact[date](value=date(2013, 8, 8)),
            )
        ],
    )
    return base.model_copy(update=changes)


def _rows(html: str, table_class: str) -> list[list[lxml.html.HtmlElement]]:
    doc = lxml.html.fromstring(html)
    rows = doc.xpath(f"//table[contains(@class, '{table_class}')]/tbody/tr")
    return [list(r.xpath("./td")) for r in rows]


def _text(cell: lxml.html.HtmlElement) -> str:
    return " ".join(cell.text_content().split())


def _page_text(html: str) -> str:
    """The visible text, one space between text nodes (cells, lines), styles left out."""
    doc = lxml.html.fromstring(html)
    for style in doc.xpath("//style"):
        style.drop_tree()
    return " ".join(" ".join(t.split()) for t in doc.itertext() if t.strip())


def _sup(cell: lxml.html.HtmlElement) -> str:
    return "".join(s.text_content() for s in cell.xpath(".//sup"))


# --- HTML ----------------------------------------------------------------------------


def test_table1_prints_values_as_edgar_does() -> None:
    sale, swap, holding = _rows(filing_to_html(_filing()), "T1")
    assert [_text(c) for c in sale] == [
        "Common Stock", "08/06/2013", "", "S(1)", "", "10,000", "D", "$18.3654(2)",
        "55,500", "D", "",
    ]  # fmt: skip
    assert _sup(sale[7]) == "(2)"  # the price's footnote sits in the price cell
    assert _sup(sale[3]) == "(1)"  # the coding's footnote follows the code
    assert _text(holding[0]) == "Class B Stock" and _text(holding[8]) == "1,200"
    assert all(_text(c) == "" for c in holding[1:8])
    assert _text(swap[3]) == "J(K)"
    assert _text(swap[4]) == "V(4)" and _sup(swap[4]) == "(4)"
    assert _text(swap[5]) == "250.5" and _text(swap[7]) == "$0"
    assert _text(swap[10]) == "By Trust(1)(3)"


def test_table2_marker_alone_in_empty_cell() -> None:
    [option] = _rows(filing_to_html(_filing()), "T2")
    assert len(option) == 16
    assert _text(option[1]) == "$4.1"
    assert _text(option[6]) == "" and _text(option[7]) == "10,000"  # (A) empty, (D) amount
    assert _text(option[8]) == "(3)" and _sup(option[8]) == "(3)"
    assert _text(option[9]) == "11/05/2020"
    assert _text(option[11]) == "10,000" and _text(option[12]) == "$0"


def test_derivative_holding_leaves_transaction_columns_empty() -> None:
    holding = DerivativeHolding(
        security_title=Fact[str](value="Warrant"),
        expiration_date=Fact[date](value=date(2030, 1, 31)),
        underlying_title=Fact[str](value="Common Stock"),
        underlying_shares=Fact[Decimal](value=Decimal("5000")),
        shares_owned_following=Fact[Decimal](value=Decimal("5000")),
        ownership=_direct(),
    )
    [row] = _rows(
        filing_to_html(_filing(derivative_transactions=[], derivative_holdings=[holding])), "T2"
    )
    assert [_text(c) for c in row[2:8]] == ["", "", "", "", "", ""]
    assert _text(row[9]) == "01/31/2030" and _text(row[13]) == "5,000"


def test_header_boxes() -> None:
    amended = _filing(date_of_original_submission=Fact[date](value=date(2013, 8, 1)))
    text = _page_text(filing_to_html(amended))
    assert "SEC Form 4" in text and "FORM 4" in text
    assert "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP" in text
    assert "EXAMPLE CORP [ EXMP ]" in text
    assert "Doe Jane Q" in text and "EVP, Field Operations" in text
    assert "SPRINGFIELD IL 62701" in text
    assert "08/01/2013" in text  # box 4, amendment date
    assert "Explanation of Responses: 1. Effected under" in text
    assert "Remarks: Exhibit 24 - Power of Attorney" in text
    assert "/s/ J. Roe, attorney-in-fact 08/08/2013" in text
    assert "10b5-1(c)" not in text  # a filing without aff10b5One predates the box


def test_rule_10b5_1_box_only_when_the_filing_carries_it() -> None:
    html = filing_to_html(_filing(aff10b5one=True))
    assert "Rule 10b5-1(c)" in _page_text(html)
    doc = lxml.html.fromstring(html)
    assert [b.text_content() for b in doc.xpath("//span[@class='Box']")] == ["", "X"]


def test_several_owners_get_their_own_blocks() -> None:
    owners = [_owner("Doe Jane Q"), _owner("Roe Fund LP", director=True)]
    doc = lxml.html.fromstring(filing_to_html(_filing(reporting_owners=owners)))
    [block] = doc.xpath("//table[contains(@class, 'Owner')]")
    assert "Roe Fund LP" in block.text_content()
    assert "Relationship of Reporting Person(s) to Issuer" in block.text_content()
    box6 = doc.xpath("//td[contains(., 'Form filed by More than One Reporting Person')]")[-1]
    assert box6.xpath("preceding-sibling::td")[0].text_content().strip() == "X"


def test_form5_titles() -> None:
    text = _page_text(filing_to_html(_filing(document_type=DocumentType.FORM_5)))
    assert "FORM 5" in text and "SEC Form 5" in text
    assert "ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP" in text
    assert "Form 4 Transactions Reported." in text
    assert "Issuer's Fiscal Year" in text


def test_form5_has_no_v_column() -> None:
    html = filing_to_html(_filing(document_type=DocumentType.FORM_5))
    sale = _rows(html, "T1")[0]
    assert [_text(c) for c in sale] == [
        "Common Stock", "08/06/2013", "", "S(1)", "10,000", "D", "$18.3654(2)", "55,500", "D", "",
    ]  # fmt: skip
    assert len(_rows(html, "T2")[0]) == 15
    headers = lxml.html.fromstring(html).xpath("//table[contains(@class, 'T1')]//th")
    assert "V" not in [h.text_content().strip() for h in headers]


def test_tables_repeat_header_on_each_page() -> None:
    html = filing_to_html(_filing())
    assert "thead { display: table-header-group; }" in html
    assert "break-inside: avoid" in html


def test_regression_stylesheet_is_not_html_escaped() -> None:
    # Autoescaping once turned the CSS's quotes into &#39; inside <style>.
    html = filing_to_html(_filing())
    style = html[html.index("<style>") : html.index("</style>")]
    assert "&#39;" not in style and "&quot;" not in style
    assert '"Times New Roman"' in style


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"cannot render to '\.docx'"):
        render_filing(_filing(), tmp_path / "out.docx")


def test_missing_chromium_names_the_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORM4_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(RenderError, match="apt-get install chromium"):
        render_filing(_filing(), tmp_path / "out.pdf")
    monkeypatch.delenv("FORM4_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="not found on PATH"):
        render_filing(_filing(), tmp_path / "out.pdf")


# --- PDF -----------------------------------------------------------------------------


@needs_chromium
def test_pdf_text_layer_holds_values_and_smaller_markers(tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    render_filing(_filing(), out)
    [page] = pdf_to_pages(out)
    assert (page.width, page.height) == (612.0, 792.0)  # US Letter portrait
    words = {w.text: w for w in page.words}
    for printed in ["10,000", "08/06/2013", "55,500", "11/05/2020", "140,591", "EXMP"]:
        assert printed in words, printed
    price = next(w for w in page.words if w.text.endswith("18.3654"))
    marker = next(w for w in page.words if w.text == "(2)")
    assert marker.size < price.size
    assert marker.box.x0 >= price.box.x1 - 0.5  # right after the value
    assert marker.box.v_overlap(price.box) > 0  # on the same line
    assert words["10,000"].color == "#0000ff"  # values print blue


@needs_chromium
def test_long_table_continues_with_its_header(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    render_filing(_filing(non_derivative_transactions=[_sale()] * 45), out)
    pages = pdf_to_pages(out)
    assert len(pages) >= 2
    for page in pages[:2]:
        texts = [w.text for w in page.words]
        assert "Non-Derivative" in texts and "Code" in texts, page.number


@needs_chromium
def test_landscape_option_turns_the_page(tmp_path: Path) -> None:
    out = tmp_path / "wide.pdf"
    render_filing(_filing(), out, orientation="landscape", tagged=False)
    pages = pdf_to_pages(out)  # the shorter page may push the footer onto a second one
    assert all((p.width, p.height) == (792.0, 612.0) for p in pages)
    assert "18.3654" in {w.text.lstrip("$") for w in pages[0].words}


@needs_chromium
def test_png_is_one_file_per_page(tmp_path: Path) -> None:
    written = render_filing(_filing(), tmp_path / "f.png")
    assert written == [tmp_path / "f.png"]
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- against the corpus: our rendering of the truth XML vs the corpus PDF -------------

_CORPUS_XML = corpus_files("xml", "*.xml")[::60]  # 5 filings: Chromium takes ~1.5 s each


def _layouts() -> dict[str, str]:
    index = CORPUS / "index.csv"
    with index.open(newline="", encoding="utf-8") as handle:
        return {row["accession"]: row["layout"] for row in csv.DictReader(handle)}


@needs_chromium
@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("xml", _CORPUS_XML, ids=[p.stem for p in _CORPUS_XML])
def test_rendering_reproduces_corpus_text_layer(xml: Path, tmp_path: Path) -> None:
    """Same pages and the same words, at the same sizes and colours, as the corpus PDF."""
    corpus_pdf = corpus_dir("pdf") / f"{xml.stem}.pdf"
    layout = _layouts()[xml.stem]
    ours = tmp_path / "ours.pdf"
    render_filing(
        read_ownership_file(xml),
        ours,
        orientation="landscape" if layout == "landscape" else "portrait",
    )
    mine, theirs = pdf_to_pages(ours), pdf_to_pages(corpus_pdf)
    assert len(mine) == len(theirs)
    words_mine = Counter((w.text, w.size, w.color) for p in mine for w in p.words)
    words_theirs = Counter((w.text, w.size, w.color) for p in theirs for w in p.words)
    found = sum((words_mine & words_theirs).values()) / sum(words_theirs.values())
    assert found >= 0.98, sorted((words_theirs - words_mine).items())[:20]
