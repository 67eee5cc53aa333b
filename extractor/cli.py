"""The `form4` command: a thin typer layer over `extractor.api`.

Each command parses its options into an `ExtractOptions`, calls the library and prints;
`run_guarded` turns an `ExtractorError` into one line on stderr and its exit code (a
traceback only with --debug).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from extractor.errors import EXIT_FINDINGS, EXIT_PARTIAL, ExtractorError, UsageError
from extractor.options import ExtractOptions
from extractor.outputs import OutputFormat, result_to_bytes, write_atomic
from extractor.sources import allocator

app = typer.Typer(
    name="form4",
    help="Read SEC ownership filings (Forms 3, 4, 5) into validated EDGAR XML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")
EXIT_INTERNAL = 70

DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures")]
TemplateOpt = Annotated[str, typer.Option(help="Layout template name or YAML path")]
PasswordOpt = Annotated[str | None, typer.Option(help="Password of an encrypted PDF")]


def run_guarded(debug: bool, action: Callable[[], T], subject: Path | None = None) -> T:
    """Run a command body; an error becomes one line on stderr and an exit code.

    `subject` (the input file) names the document in an unexpected failure, so that a
    bug met on one file of many still says which file it was.
    """
    try:
        return action()
    except ExtractorError as exc:
        if debug:
            traceback.print_exc()
        typer.echo(f"form4: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        where = f"{subject}: " if subject is not None else ""
        detail = " ".join(str(exc).split())  # one line, whatever the exception holds
        typer.echo(
            f"form4: {where}internal error: {type(exc).__name__}: {detail} (rerun with --debug)",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        return
    write_atomic(out, data)


@app.command()
def extract(
    input: Annotated[Path, typer.Argument(help="PDF, EDGAR XML or submission .txt")],
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Output file (default stdout)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or xml")] = "json",
    template: TemplateOpt = "edgar-modern",
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Extract one filing and print it as JSON (with findings) or EDGAR XML."""

    def body() -> None:
        from extractor.api import extract as extract_one

        output = _parse_formats(fmt)[0]
        result = extract_one(input, ExtractOptions(template=template, password=password))
        data = result_to_bytes(result, output)
        if data is None:  # no filing to write as XML
            raise UsageError(input, "nothing could be read to write as XML", "try --format json")
        _emit(data, out)
        if output is OutputFormat.XML and result.status.value == "partial":
            typer.echo(f"form4: {input}: partial extraction, see --format json findings", err=True)

    run_guarded(debug, body, input)


def _parse_formats(text: str) -> list[OutputFormat]:
    names = [t.strip().lower() for t in text.split(",") if t.strip()]
    try:
        return [OutputFormat(n) for n in names] or [OutputFormat.XML]
    except ValueError:
        raise UsageError(None, f"unknown format in {text!r}", "use xml, json or xml,json") from None


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), globs, zip or tar archives")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")],
    formats: Annotated[str, typer.Option(help="Comma-separated: xml, json")] = "xml,json",
    workers: Annotated[int, typer.Option(help="Worker processes (default: cores)")] = 0,
    engine: Annotated[str, typer.Option(help="local (worker processes) or dask")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address for --engine dask, tcp://HOST:PORT")
    ] = None,
    time_limit: Annotated[
        float, typer.Option(help="Seconds per document before it is killed")
    ] = 300.0,
    memory_mb: Annotated[int, typer.Option(help="Memory a worker may add, in MB (0: none)")] = 2048,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Convert again inputs that failed before")
    ] = False,
    tables: Annotated[
        bool, typer.Option("--tables/--no-tables", help="Write flat CSV/Parquet tables")
    ] = True,
    template: TemplateOpt = "edgar-modern",
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Convert many documents into OUT (resumable: a rerun converts only what is not done).

    OUT/xml/<stem>.xml, OUT/json/<stem>.json (a binder's filings: <stem>_p<first>-<last>),
    OUT/filings.jsonl, OUT/tables/*.csv|parquet, OUT/summary.json, OUT/manifest.sqlite.
    """

    def body() -> int:
        from pydantic import ValidationError

        from extractor.batch.progress import run_with_progress
        from extractor.batch.runner import BatchOptions

        try:
            options = BatchOptions(
                out_dir=out,
                formats=tuple(_parse_formats(formats)),
                extract=ExtractOptions(template=template, password=password),
                workers=workers or os.cpu_count() or 1,
                engine=engine,  # checked by the model
                scheduler=scheduler,
                time_limit=time_limit,
                memory_mb=memory_mb,
                retry_failed=retry_failed,
                tables=tables,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = "".join(f"--{p}: ".replace("_", "-") for p in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise UsageError(None, f"{where}{message}") from None
        summary = run_with_progress(options, inputs)
        return EXIT_PARTIAL if summary.by_status.get("failed") else 0

    code = run_guarded(debug, body)
    raise typer.Exit(code)


@app.command()
def validate(
    input: Annotated[Path, typer.Argument(help="EDGAR XML, form4 JSON output, or a document")],
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON")] = False,
    fail_on: Annotated[str, typer.Option(help="error, warning or never")] = "error",
    debug: DebugOpt = False,
) -> None:
    """Check a filing against the Form 4 rules and print the findings."""

    def body() -> int:
        from extractor.api import validate_file
        from extractor.validate import findings_to_table, should_fail

        if fail_on not in ("error", "warning", "never"):
            raise UsageError(None, f"--fail-on {fail_on!r} is not one of error, warning, never")
        findings = validate_file(input)
        if as_json:
            typer.echo(json.dumps([f.model_dump(mode="json") for f in findings], indent=2))
        else:
            typer.echo(findings_to_table(findings))
        return EXIT_FINDINGS if should_fail(findings, fail_on) else 0

    raise typer.Exit(run_guarded(debug, body, input))


@app.command()
def render(
    input: Annotated[Path, typer.Argument(help="EDGAR XML (or submission .txt) of a filing")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output .pdf, .html or .png")],
    debug: DebugOpt = False,
) -> None:
    """Draw a filing the way EDGAR displays it, as PDF, HTML or PNG."""

    def body() -> None:
        from extractor.edgar.render import render_filing
        from extractor.edgar.xml_read import read_ownership_file

        render_filing(read_ownership_file(input), out)
        typer.echo(str(out), err=True)

    run_guarded(debug, body, input)


@app.command()
def inspect(
    input: Annotated[Path, typer.Argument(help="A digital PDF of a form")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output .png")],
    page: Annotated[int, typer.Option(help="1-based page number")] = 1,
    template: TemplateOpt = "edgar-modern",
    debug: DebugOpt = False,
) -> None:
    """Draw what the extractor saw on a page: regions, words, values, findings (PNG)."""

    def body() -> None:
        from extractor.inspect import inspect_page

        inspect_page(input, page, out, ExtractOptions(template=template))
        typer.echo(str(out), err=True)

    run_guarded(debug, body, input)


@app.command()
def schema(
    result: Annotated[
        bool, typer.Option("--result", help="Schema of the whole result (filing + findings)")
    ] = False,
) -> None:
    """Print the JSON Schema of the filing model (or, with --result, of the JSON output)."""
    from extractor.model.filing import Filing
    from extractor.model.result import ExtractionResult

    model = ExtractionResult if result else Filing
    typer.echo(json.dumps(model.model_json_schema(), indent=2))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    config: Annotated[
        Path | None, typer.Option("--config", help="Service settings (TOML, YAML or JSON)")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Run the HTTP API and review page (API keys from FORM4_API_KEYS or the config)."""

    def body() -> None:
        try:
            import uvicorn

            from extractor.service.app import create_app
            from extractor.service.config import load_settings
        except ImportError as exc:
            raise UsageError(
                None, f"the service needs {exc.name}", "pip install 'form4[service]'"
            ) from None
        app_ = create_app(load_settings(config))
        uvicorn.run(app_, host=host, port=port, log_level="info")

    run_guarded(debug, body)


def main() -> None:
    # the command reads page after page in this process: page-sized arrays are reused
    allocator.keep_freed_pages()
    app()
