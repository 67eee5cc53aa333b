"""Binders: one PDF holding several filings one after another, split at each form's first page.

A form's first page prints the form title ("FORM 4") above the header box label
"Name and Address of Reporting Person". Continuation pages print neither together: an
extra reporting-owner block repeats the label without the title, and a footnote may say
"Form 4" without the label. Only label-coloured words are searched, because the header
values (blue) are printed in between the label's words and would break the phrase.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from extractor.layout.template import Template
from extractor.layout.text import find_first
from extractor.model.geometry import Page


@dataclass(frozen=True, slots=True)
class PagePlan:
    """Page ranges (1-based, inclusive) of the filings, and the pages that belong to none."""

    parts: tuple[tuple[int, int], ...]
    skipped: tuple[int, ...]

    @property
    def is_binder(self) -> bool:
        """More than one filing, or pages to drop before the first: the PDF must be split."""
        return len(self.parts) > 1 or bool(self.skipped)


def is_first_page(page: Page, template: Template) -> bool:
    """Whether the page opens a filing: the form title printed above the header box label."""
    labels = template.header.labels.get("reporting_person", [])
    colour = template.header.label_color
    printed = page
    if colour is not None:
        kept = tuple(w for w in page.words if w.color in (None, colour))
        printed = dataclasses.replace(page, words=kept)
    title = find_first(printed, template.regions.form_title)
    label = find_first(printed, labels) if labels else None
    return title is not None and label is not None and title.box.top < label.box.top


def plan_pages(pages: list[Page], template: Template) -> PagePlan:
    """Split at each first page; a part runs to the page before the next first page.

    Pages before the first form, and blank pages (no text at all) at the end of a part,
    belong to no filing: they are skipped and reported. A PDF where no first page is
    found is one part (so that it fails, or reads, as a whole document).
    """
    starts = [p.number for p in pages if is_first_page(p, template)]
    if not pages:
        return PagePlan((), ())
    last = pages[-1].number
    if not starts:
        return PagePlan(((pages[0].number, last),), ())
    blank = {p.number for p in pages if not p.words}
    skipped = [n for n in range(pages[0].number, starts[0])]
    parts = []
    for first, nxt in zip(starts, [*starts[1:], last + 1], strict=True):
        end = nxt - 1
        while end > first and end in blank:
            skipped.append(end)
            end -= 1
        parts.append((first, end))
    return PagePlan(tuple(parts), tuple(sorted(skipped)))
