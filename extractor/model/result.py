"""What one extraction returns: the filing, the findings, and how it went."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from extractor.model.filing import Filing


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(BaseModel):
    """Something a reviewer should look at: a broken rule, a value not read, a guess."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="Stable identifier of the rule, e.g. 'footnote.unreferenced'")
    severity: Severity
    message: str = Field(description="Plain words: what is wrong and where")
    path: str | None = Field(None, description="Field path, e.g. non_derivative_transactions[0]")
    page: int | None = Field(None, description="1-based page when the value came from a document")
    box: tuple[float, float, float, float] | None = Field(None, description="x0, top, x1, bottom")


class Status(str, Enum):
    """How an extraction ended (after Docling's ConversionStatus)."""

    SUCCESS = "success"
    PARTIAL = "partial"  # a filing came out, with error findings about what is missing
    FAILED = "failed"  # no filing; see `error`


class ErrorInfo(BaseModel):
    kind: str = Field(description="Error class, e.g. 'xml', 'input', 'not_a_form'")
    message: str = Field(description="One line naming the file and the cause")
    exit_code: int


class ExtractionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="Path of the input document")
    input_kind: str = Field(description="'xml', 'submission', 'pdf' or 'image'")
    status: Status
    filing: Filing | None = None
    findings: list[Finding] = Field(default_factory=list)
    error: ErrorInfo | None = None
    pages: int = Field(0, description="Pages read (0 for XML)")
    seconds: float = Field(0.0, description="Wall time of the extraction")
