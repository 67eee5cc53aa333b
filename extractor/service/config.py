"""Service settings: one frozen object built from a config file and the environment.

A config file (TOML, YAML or JSON) holds the same keys as `ServiceSettings`; API keys in
it are given as sha256 hex digests, never in clear. `FORM4_API_KEYS` adds keys from the
environment as `name:key` pairs separated by commas; they are hashed as they are read,
so no clear key is kept in memory past start-up.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extractor.errors import UsageError
from extractor.service.auth import ApiKey, hash_key

ENV_KEYS = "FORM4_API_KEYS"
ENV_DATA_DIR = "FORM4_DATA_DIR"


class ServiceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Field(
        default_factory=lambda: Path.home() / ".local" / "share" / "form4",
        description="Uploads, page images, database (FORM4_DATA_DIR overrides)",
    )
    database: Path | None = Field(None, description="SQLite file (default DATA_DIR/form4.db)")
    max_upload_bytes: int = Field(50 * 1024 * 1024, ge=1, description="Larger requests: 413")
    max_files_per_job: int = Field(1000, ge=1, description="Files (or archive members) a job")
    max_unpacked_bytes: int = Field(500 * 1024 * 1024, ge=1, description="Zip contents, a job")
    document_timeout_s: float = Field(120.0, gt=0, description="Time limit of one document")
    concurrency: int = Field(2, ge=1, description="Documents extracted at the same time")
    api_keys: tuple[ApiKey, ...] = Field((), description="Named keys, as sha256 digests")

    @field_validator("api_keys")
    @classmethod
    def _unique_names(cls, keys: tuple[ApiKey, ...]) -> tuple[ApiKey, ...]:
        names = [k.name for k in keys]
        if len(set(names)) != len(names):
            raise ValueError("two API keys share a name")
        return keys

    @property
    def database_path(self) -> Path:
        return self.database or self.data_dir / "form4.db"


def load_settings(
    config: Path | None = None, environ: Mapping[str, str] | None = None
) -> ServiceSettings:
    """Settings from `config` (if given) plus FORM4_DATA_DIR and FORM4_API_KEYS."""
    env = os.environ if environ is None else environ
    data: dict[str, object] = _read_config(config) if config is not None else {}
    if env.get(ENV_DATA_DIR):
        data["data_dir"] = env[ENV_DATA_DIR]
    try:
        keys = [ApiKey.model_validate(k) for k in _as_list(data.pop("api_keys", []))]
        keys += parse_env_keys(env.get(ENV_KEYS, ""))
        return ServiceSettings.model_validate({**data, "api_keys": tuple(keys)})
    except ValidationError as exc:
        where = config if config is not None else ENV_KEYS
        raise UsageError(where, f"invalid service settings: {_first_error(exc)}") from None


def parse_env_keys(text: str) -> list[ApiKey]:
    """`name:key,name2:key2` into hashed keys; a pair without a name is an error."""
    keys = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, sep, key = item.partition(":")
        if not sep or not name.strip() or not key:
            raise UsageError(None, f"{ENV_KEYS} entries must be name:key (got {name[:20]!r}...)")
        keys.append(ApiKey(name=name.strip(), sha256=hash_key(key)))
    return keys


def _read_config(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(path, f"cannot read the config file: {exc.strerror}") from None
    try:
        data = _parse(path.suffix.lower(), text)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(path, f"not a valid config file: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise UsageError(path, "the config file must hold a table of settings")
    return data


def _parse(suffix: str, text: str) -> object:
    if suffix == ".toml":
        return tomllib.loads(text)
    if suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def _as_list(value: object) -> list[object]:
    if not isinstance(value, list | tuple):
        raise UsageError(None, "api_keys must be a list of {name, sha256}")
    return list(value)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or exc.title
    return f"{where}: {err['msg']}"
