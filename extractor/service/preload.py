"""Imported once by the forkserver, so each forked worker starts with the library loaded."""

from __future__ import annotations

import contextlib

import extractor.api

# The PDF stack is optional at this stage: a broken or missing piece must not stop the
# forkserver; the worker that needs it reports the failure as its document's error.
with contextlib.suppress(Exception):
    import extractor.pipeline  # noqa: F401
