"""Property tests: the value parsers and the XML reader never raise anything but an
ExtractorError, whatever text they are given (modest example counts keep this fast)."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from extractor.edgar.xml_read import read_ownership_xml
from extractor.errors import ExtractorError
from extractor.layout.markers import marker_ids, split_markers
from extractor.layout.values import parse_date, parse_decimal
from extractor.model.filing import Filing
from tests.cli.minimal import MINIMAL_FORM4
from tests.hostile.build import SAMPLE_XML

# 200 examples a test in the suite; FORM4_FUZZ_EXAMPLES=5000 for a longer hunt.
EXAMPLES = int(os.environ.get("FORM4_FUZZ_EXAMPLES", "200"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Printed-value alphabet: digits, separators, signs, currency, letters, odd white space.
PRINTED = st.text(alphabet=st.sampled_from("0123456789,.$-+ ()/eEx\u00a0\u2009٣AbZ%"), max_size=40)


@FAST
@given(st.one_of(st.text(max_size=60), PRINTED))
def test_parse_decimal_is_none_or_a_finite_number(text: str) -> None:
    value = parse_decimal(text)
    assert value is None or (isinstance(value, Decimal) and value.is_finite())


@FAST
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4))
def test_a_number_printed_with_grouping_reads_back(value: Decimal) -> None:
    printed = f"${value:,}" if value >= 0 else f"-${-value:,}"
    assert parse_decimal(printed) == value


@FAST
@given(st.one_of(st.text(max_size=30), PRINTED))
def test_parse_date_is_none_or_a_date(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), date)


@FAST
@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_printed_date_reads_back(day: date) -> None:
    assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == day


@FAST
@given(st.one_of(st.text(max_size=60), PRINTED))
def test_split_markers_never_raises_and_keeps_the_value(text: str) -> None:
    value, ids = split_markers(text)
    assert text.strip().startswith(value) or not ids
    assert all(re.fullmatch(r"F\d+", i) for i in ids)
    assert marker_ids(text) in (None, ids)


@FAST
@given(
    st.text(alphabet="abcXYZ ,.-", min_size=1, max_size=20),
    st.lists(st.integers(1, 99), min_size=1, max_size=4),
)
def test_trailing_markers_become_ids(value: str, numbers: list[int]) -> None:
    text = value.rstrip(" ,") + "".join(f"({n})" for n in numbers)
    stripped, ids = split_markers(text)
    assert ids == [f"F{n}" for n in numbers]
    assert stripped == value.rstrip(" ,").strip()


def test_regression_five_thousand_digit_marker_crashed_split_markers() -> None:
    """int() refuses strings over 4,300 digits: '(' + 5,000 digits + ')' raised ValueError."""
    text = "LP(" + "9" * 5000 + ")"
    assert split_markers(text) == (text, [])


def _leaves(doc: bytes) -> list[str]:
    root = etree.fromstring(doc)
    return [root.getroottree().getpath(el) for el in root.iter() if len(el) == 0]


BASES = [MINIMAL_FORM4, SAMPLE_XML.read_bytes()]
LEAVES = [_leaves(doc) for doc in BASES]


def _read(data: bytes) -> Filing | None:
    """The reader's result, or None for the refusal it is allowed: an ExtractorError."""
    try:
        return read_ownership_xml(data, "fuzz.xml")
    except ExtractorError as exc:
        assert exc.message.startswith("fuzz.xml: ") and "\n" not in exc.message
        return None


@FAST
@given(st.data())
def test_any_value_in_any_element_is_read_or_refused(data: st.DataObject) -> None:
    which = data.draw(st.integers(0, len(BASES) - 1))
    root = etree.fromstring(BASES[which])
    path = data.draw(st.sampled_from(LEAVES[which]))
    text = data.draw(st.one_of(st.text(max_size=40), PRINTED))
    element = root.getroottree().xpath(path)[0]
    element.text = escape("".join(c for c in text if c.isprintable() or c in "\t\n"))
    _read(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


@FAST
@given(st.data())
def test_mangled_bytes_are_read_or_refused(data: st.DataObject) -> None:
    doc = bytearray(data.draw(st.sampled_from(BASES)))
    start = data.draw(st.integers(0, len(doc)))
    end = data.draw(st.integers(start, min(len(doc), start + 200)))
    doc[start:end] = data.draw(st.binary(max_size=40))
    _read(bytes(doc))


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_are_read_or_refused(blob: bytes) -> None:
    assert _read(blob) is None


def test_regression_xml_error_with_a_nul_byte_spanned_two_lines() -> None:
    """lxml's message for a NUL character holds a line break; the error must stay one line."""
    message = _read_error(MINIMAL_FORM4.replace(b"<ownershipDocument>", b"<\0ownershipDocument>"))
    assert "\n" not in message and message.startswith("fuzz.xml: not well-formed XML at line")


def _read_error(data: bytes) -> str:
    try:
        read_ownership_xml(data, "fuzz.xml")
    except ExtractorError as exc:
        return exc.message
    raise AssertionError("the document was accepted")
