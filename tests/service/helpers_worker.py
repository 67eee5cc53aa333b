"""Targets for `run_in_child` tests: module-level, so a forkserver child can import them."""

from __future__ import annotations

import os
import time

from extractor.errors import InputError


def sleepy(seconds: float) -> bytes:
    time.sleep(seconds)
    return b"woke"


def dies() -> bytes:
    os._exit(3)


def refuses() -> bytes:
    raise InputError("/srv/secret/upload.pdf", "not a readable PDF")


def buggy() -> bytes:
    raise KeyError("deep inside")


def echo(data: bytes) -> bytes:
    return data
