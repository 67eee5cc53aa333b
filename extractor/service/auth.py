"""API keys: named, stored as sha256 digests, checked in constant time.

A request names its key in `X-API-Key`, in `Authorization: Bearer KEY`, or (for the
review page, which a browser opens by URL) in the `form4_key` cookie that the review
login form sets. The name of the key is who a correction is recorded as.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

COOKIE = "form4_key"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class ApiKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100, description="Who uses the key")
    sha256: str = Field(pattern=_HEX64.pattern, description="sha256 hex digest of the key")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class NotAuthenticated(Exception):
    """No key, or a key that matches none configured (answered with 401)."""


@dataclass(frozen=True, slots=True)
class KeyRing:
    keys: tuple[ApiKey, ...]

    def name_of(self, key: str) -> str | None:
        """The name of `key`, or None; every digest is compared, in constant time each."""
        digest = hash_key(key)
        found = None
        for candidate in self.keys:
            if hmac.compare_digest(digest, candidate.sha256):
                found = candidate.name
        return found


def key_of_request(headers: dict[str, str], cookies: dict[str, str]) -> str | None:
    """The key a request carries, from the header, a bearer token or the review cookie."""
    if headers.get("x-api-key"):
        return headers["x-api-key"]
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return cookies.get(COOKIE) or None
