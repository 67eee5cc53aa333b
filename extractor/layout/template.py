"""Layout variants as data: the model that validates a `templates/*.yaml` file.

A template says how one rendering of the form prints its regions, table columns and
header-box labels. Matching code scores these phrases against the printed text, so a
variant whose headers are reworded a little, renumbered or reordered needs a new YAML
file, not new code.

Sections and their owners in the code:
  - `regions`: titles that open each region (layout/regions.py)
  - `markers`: how footnote markers print (layout/markers.py)
  - `tables`: column headers of Table I and Table II -> model fields (layout/columns.py)
  - `header`: labels of the boxed header, owners, footnotes, signature (layout/header.py,
    layout/footnotes.py)
  - `printed`: the form's fixed wording exactly as printed, which OCR tells from a few of
    its words instead of reading it whole (sources/printed.py, sources/cell_ocr.py)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractor.errors import UsageError


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionSpec(_Spec):
    """Printed titles that open each region; any phrase of a list may match."""

    form_title: list[str] = Field(description="Title that tells the form, e.g. 'FORM 4'")
    table1: list[str] = Field(description="Title of Table I")
    table2: list[str] = Field(description="Title of Table II")
    explanation: list[str] = Field(description="Opening of the footnote list")
    remarks: list[str] = Field(description="Opening of the remarks")
    signature: list[str] = Field(description="Caption under the signature line")
    page_end: list[str] = Field(
        default_factory=list, description="Boilerplate that ends the last region of a page"
    )


class MarkerSpec(_Spec):
    """How a footnote marker prints: pattern and relative size of a superscript."""

    pattern: str = Field(description="Regex of one marker; group 1 is the footnote number")
    id_format: str = Field("F{n}", description="EDGAR footnote id made from the number")
    max_size_ratio: float = Field(
        0.9, description="A word at most this fraction of the body font size is a superscript"
    )


class ColumnSpec(_Spec):
    """One printed column: its header phrases and the model field it fills."""

    field: str = Field(description="Name of the field the column fills (see layout/columns.py)")
    header: list[str] = Field(description="Phrases of the top-level header, any may match")
    sub: list[str] = Field(
        default_factory=list, description="Phrases of a second-level header under it, if any"
    )


class TableSpec(_Spec):
    columns: list[ColumnSpec]


class TablesSpec(_Spec):
    non_derivative: TableSpec
    derivative: TableSpec


class HeaderSpec(_Spec):
    """Labels printed in the header box and below the tables, as phrase lists."""

    labels: dict[str, list[str]] = Field(
        description="Label key (e.g. 'reporting_person', 'issuer') -> printed phrases"
    )
    form_titles: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Document type ('4', '4/A', '5'...) -> title phrases; the largest print wins",
    )
    label_color: str | None = Field(
        "#000000", description="Fill colour of printed labels; words of another colour are values"
    )
    check_marks: list[str] = Field(["X"], description="Texts that mark a checked box")
    title_separator: str = Field(
        " / ", description="Between officer title and other text when both are printed"
    )
    field_gap: float = Field(
        0.9,
        description="Two value lines whose tops are further apart than this many font sizes "
        "are separate fields (street1 / street2, one signature / the next); closer lines "
        "are one field wrapped",
    )
    ocr_field_gap: float = Field(
        1.45,
        description="The same for OCR lines. OCR sizes are estimated from glyph heights "
        "(capitals 0.72 of the size), smaller than the rendering's nominal sizes for the "
        "same glyphs: a wrapped line runs about 1.3 such sizes below the one before, the "
        "next field about 1.6",
    )


class Template(_Spec):
    name: str
    description: str
    regions: RegionSpec
    markers: MarkerSpec
    tables: TablesSpec
    header: HeaderSpec
    printed: list[str] = Field(
        [],
        description="The form's fixed wording exactly as printed, phrase by phrase (title "
        "block, box labels, column headers): OCR tells a run of it from its word count and "
        "a few of its words instead of reading it whole (sources/printed.py)",
    )


def templates_dir() -> Path:
    """`templates/` beside the package in a checkout, else the copy installed with it."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "templates", here / "_templates"):
        if candidate.is_dir():
            return candidate
    raise UsageError(None, "no templates folder found", "reinstall form4")


def template_names() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.yaml"))


@cache
def load_template(name: str = "edgar-modern") -> Template:
    """Read and validate one template by name (file stem) or path."""
    path = Path(name) if name.endswith(".yaml") else templates_dir() / f"{name}.yaml"
    if not path.is_file():
        raise UsageError(path, "no such template", f"choose one of {', '.join(template_names())}")
    try:
        return Template.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise UsageError(path, f"invalid template: {first}") from None


def load_all_templates() -> list[Template]:
    return [load_template(n) for n in template_names()]
