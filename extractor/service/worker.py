"""Work done in a child process: one extraction or one page image.

Each document is read in a process of its own, forked from a forkserver that has the
library imported already: a hung or crashing document is killed at the time limit
without touching the server, and whatever memory a document needs is returned to the
system when its process ends (the server's own memory stays flat).
The child answers with one message: a status byte, then the payload.
"""

from __future__ import annotations

import json
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from extractor.errors import ExtractorError

_OK, _REFUSED, _CRASHED = b"\x00", b"\x01", b"\x02"
_PRELOAD = ["extractor.service.preload"]


class ChildFailed(Exception):
    """The child refused the work (an ExtractorError), crashed, or ran out of time."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def extract_to_json(path: str, options_json: str) -> bytes:
    """The child's extraction: `extract_or_failure` as JSON (it never raises for a document)."""
    from extractor.api import extract_or_failure
    from extractor.options import ExtractOptions

    options = ExtractOptions.model_validate_json(options_json)
    return extract_or_failure(path, options).model_dump_json().encode("utf-8")


def page_png(path: str, number: int) -> bytes:
    from extractor.sources.raster import render_page_png

    return render_page_png(Path(path), number)


def page_sizes_json(path: str) -> bytes:
    from extractor.sources.raster import page_sizes

    sizes = page_sizes(Path(path))
    return json.dumps(
        [{"number": s.number, "width": s.width, "height": s.height} for s in sizes]
    ).encode("utf-8")


def run_in_child(target: Callable[..., bytes], args: tuple[object, ...], timeout: float) -> bytes:
    """`target(*args)` in a child process; ChildFailed when it refuses, dies or times out."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(target, args, sender), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ChildFailed("timeout", f"took longer than the time limit of {timeout:g} s")
        message = receiver.recv_bytes()
    except EOFError:
        raise ChildFailed("internal", "the worker process ended without an answer") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        receiver.close()
    return _decode(message)


def _decode(message: bytes) -> bytes:
    status, payload = message[:1], message[1:]
    if status == _OK:
        return payload
    info = json.loads(payload)
    raise ChildFailed(str(info["kind"]), str(info["message"]))


def _child(target: Callable[..., bytes], args: tuple[object, ...], sender: Connection) -> None:
    try:
        sender.send_bytes(_OK + target(*args))
    except ExtractorError as exc:
        sender.send_bytes(
            _REFUSED + json.dumps({"kind": exc.kind, "message": exc.message}).encode()
        )
    except Exception as exc:  # a bug: the traceback goes to the server log, not the client
        traceback.print_exc()
        info = {"kind": "internal", "message": f"internal error ({type(exc).__name__})"}
        sender.send_bytes(_CRASHED + json.dumps(info).encode())
    finally:
        sender.close()
