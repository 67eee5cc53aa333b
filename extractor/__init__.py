"""form4: read SEC ownership filings (Forms 3, 4, 5) into validated EDGAR records.

    import extractor
    result = extractor.extract("filing.pdf")
    result.filing            # the Filing (pydantic), or None when the document failed
    result.findings          # what a reviewer should check

Names are imported on first use, so `import extractor.model` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.api import extract, extract_many, validate_file
    from extractor.errors import ExtractorError
    from extractor.model.filing import Filing
    from extractor.model.result import ExtractionResult, Finding
    from extractor.options import ExtractOptions

__all__ = [
    "ExtractOptions",
    "ExtractionResult",
    "ExtractorError",
    "Filing",
    "Finding",
    "extract",
    "extract_many",
    "validate_file",
]

_WHERE = {
    "extract": "extractor.api",
    "extract_many": "extractor.api",
    "validate_file": "extractor.api",
    "ExtractorError": "extractor.errors",
    "Filing": "extractor.model.filing",
    "ExtractionResult": "extractor.model.result",
    "Finding": "extractor.model.result",
    "ExtractOptions": "extractor.options",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
