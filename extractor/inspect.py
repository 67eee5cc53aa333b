"""A debugging view of one page: regions, words and the boxes of extracted values.

Regions are drawn in blue, words in light grey, values the extractor read in green and
values with a finding in red, so a wrong cell is seen at a glance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.api import extract
from extractor.layout.regions import pages_to_regions
from extractor.layout.template import load_template
from extractor.model.filing import Provenance
from extractor.model.geometry import Box
from extractor.options import ExtractOptions
from extractor.pipeline import load_pages
from extractor.sources.plumber import Layer, draw_layers

_GREY, _BLUE, _GREEN, _RED = (190, 190, 190), (30, 90, 220), (20, 160, 60), (220, 30, 30)


def provenances(node: Any) -> Iterator[Provenance]:
    """Every provenance in a model tree."""
    if isinstance(node, Provenance):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from provenances(getattr(node, name))
    elif isinstance(node, list):
        for item in node:
            yield from provenances(item)


def inspect_page(pdf: Path, page_number: int, out: Path, options: ExtractOptions) -> Path:
    """Draw what the extractor saw on one page of a digital PDF."""
    pages = load_pages(pdf, options)
    page = next((p for p in pages if p.number == page_number), None)
    regions = pages_to_regions(pages, load_template(options.template)) if page else None
    result = extract(pdf, options)
    values = [Box(*p.box) for p in provenances(result.filing) if p.page == page_number]
    flagged = [Box(*f.box) for f in result.findings if f.page == page_number and f.box]
    layers = [
        Layer(tuple(w.box for w in page.words) if page else (), _GREY),
        Layer(
            tuple(r.box for r in regions.items if r.page == page_number) if regions else (),
            _BLUE,
            2,
        ),
        Layer(tuple(values), _GREEN),
        Layer(tuple(flagged), _RED, 2),
    ]
    return draw_layers(pdf, page_number, layers, out)
