"""Headless Chromium: the only module that starts a browser.

The renderer prints HTML to PDF with it. Chromium is located through the
`FORM4_CHROMIUM` environment variable, then `chromium`, `chromium-browser` and
`google-chrome` on PATH; a missing browser is a `RenderError` with the remedy.
Every run gets its own throw-away profile directory, so runs never share state and
nothing is left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import RenderError

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_REMEDY = "install it with `apt-get install chromium` or set FORM4_CHROMIUM to its path"
# Flags that keep a headless print offline, quiet and independent of any user profile.
_BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)
_TIMEOUT_S = 120.0


def find_chromium() -> Path:
    """The Chromium executable, or RenderError naming the remedy."""
    configured = os.environ.get("FORM4_CHROMIUM")
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise RenderError(configured, "FORM4_CHROMIUM does not name an executable", _REMEDY)
        return Path(found)
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    raise RenderError(None, "Chromium was not found on PATH", _REMEDY)


def html_to_pdf(html: str, out: Path, tagged: bool = True) -> None:
    """Print `html` to the PDF file `out`; page size and margins come from the HTML's @page.

    `tagged=False` leaves out the PDF structure tree (accessibility tags): the file is
    about three times smaller and its text layer is the same, word for word.
    """
    exe = find_chromium()
    with tempfile.TemporaryDirectory(prefix="form4-chromium-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "out.pdf"
        args = [
            str(exe),
            *_BASE_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            "--no-pdf-header-footer",
            *([] if tagged else ["--disable-pdf-tagging"]),
            page.as_uri(),
        ]
        _run(args, out)
        if not target.is_file() or target.stat().st_size == 0:
            raise RenderError(out, "Chromium exited without writing the PDF")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), out)


def _run(args: list[str], out: Path) -> None:
    """Run Chromium, turning a crash or hang into a one-line RenderError."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(out, f"Chromium did not finish within {_TIMEOUT_S:.0f} s") from None
    except OSError as exc:
        raise RenderError(out, f"Chromium could not be started ({exc})", _REMEDY) from None
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise RenderError(out, f"Chromium failed with exit code {done.returncode}: {last[0]}")
