"""One exception tree for everything the extractor refuses, each class with an exit code.

A message names the file, the cause and, where there is one, a remedy, on one line:
the CLI prints `str(error)` and exits with `error.exit_code`; a batch stores both in
the document's result instead of raising.
"""

from __future__ import annotations

import re
from pathlib import Path

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


class ExtractorError(Exception):
    """Base of every error the extractor raises on purpose."""

    exit_code = 1
    kind = "error"

    def __init__(self, path: str | Path | None, cause: str, remedy: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        # Causes often quote a library's message, and some span lines (lxml's do): the
        # one-line contract is kept here, for every error, rather than at each raise.
        self.cause = _one_line(cause)
        self.remedy = _one_line(remedy) if remedy is not None else None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.remedy})" if self.remedy else ""
        return f"{where}{self.cause}{tail}"


class UsageError(ExtractorError):
    """Arguments or options that cannot work together."""

    exit_code = 2
    kind = "usage"


class InputError(ExtractorError):
    """The file cannot be read as a supported document (missing, empty, wrong kind)."""

    exit_code = 3
    kind = "input"


class XmlError(InputError):
    """XML that is malformed or not an ownershipDocument, or misses a required element."""

    exit_code = 4
    kind = "xml"


class NotAFormError(InputError):
    """A readable document that is not a Form 3, 4 or 5."""

    exit_code = 5
    kind = "not_a_form"


class LayoutError(ExtractorError):
    """A form whose tables or header could not be located."""

    exit_code = 6
    kind = "layout"


class OcrError(ExtractorError):
    """The OCR engine is missing or failed."""

    exit_code = 7
    kind = "ocr"


class RenderError(ExtractorError):
    """The renderer (headless Chromium) is missing or failed."""

    exit_code = 8
    kind = "render"


class OutputError(ExtractorError):
    """An output file could not be written (disk full, permissions)."""

    exit_code = 9
    kind = "output"


# Exit code when validation findings reach the `--fail-on` level (not an exception).
EXIT_FINDINGS = 1
# Exit code of a batch in which some documents failed while others converted.
EXIT_PARTIAL = 10
