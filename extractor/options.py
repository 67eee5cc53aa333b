"""Options of one extraction, as one frozen object (never loose keyword arguments)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ExtractOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    template: str = Field("edgar-modern", description="Layout template name or YAML path")
    password: str | None = Field(None, description="Password of an encrypted PDF")
    validate_rules: bool = Field(True, description="Run the Form 4 rules and add findings")
    max_pages: int = Field(200, ge=1, description="Refuse documents with more pages than this")
    max_file_bytes: int = Field(200 * 1024 * 1024, ge=1, description="Refuse larger input files")
