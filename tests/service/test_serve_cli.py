"""`form4 serve` refuses to start without API keys or with a bad config, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_form4
from tests.service.conftest import free_port


def test_serve_without_api_keys_refuses_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORM4_API_KEYS", raising=False)
    config = tmp_path / "s.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n')
    done = run_form4("serve", "--port", str(free_port()), "--config", config)
    assert done.returncode == 2
    assert "no API keys are configured" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_with_an_unknown_setting_names_it(tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text("concurency = 4\n")
    done = run_form4("serve", "--port", str(free_port()), "--config", config)
    assert done.returncode == 2
    assert "concurency" in done.stderr and str(config) in done.stderr
