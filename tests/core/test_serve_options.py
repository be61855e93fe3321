"""`scriptorium serve` reads its defaults from the environment through core.env, like every other setting."""

from __future__ import annotations

import pytest

from scriptorium.core.management.commands.serve import Command


def _defaults(*args: str) -> dict[str, object]:
    options = Command().create_parser("scriptorium", "serve").parse_args(list(args))
    return {name: getattr(options, name) for name in ("host", "port", "workers", "threads", "worker")}


def test_defaults_without_environment(monkeypatch) -> None:
    for name in ("HOST", "PORT", "WORKERS", "THREADS", "SERVE_WORKER"):
        monkeypatch.delenv(f"SCRIPTORIUM_{name}", raising=False)

    assert _defaults() == {"host": "127.0.0.1", "port": 8000, "workers": 2, "threads": 4, "worker": True}


def test_the_environment_sets_the_defaults_and_flags_override_it(monkeypatch) -> None:
    monkeypatch.setenv("SCRIPTORIUM_HOST", "0.0.0.0")  # noqa: S104
    monkeypatch.setenv("SCRIPTORIUM_PORT", "8080")
    monkeypatch.setenv("SCRIPTORIUM_WORKERS", "3")
    monkeypatch.setenv("SCRIPTORIUM_THREADS", "6")
    monkeypatch.setenv("SCRIPTORIUM_SERVE_WORKER", " Off ")

    assert _defaults() == {"host": "0.0.0.0", "port": 8080, "workers": 3, "threads": 6, "worker": False}  # noqa: S104
    assert _defaults("--port", "9000")["port"] == 9000

    monkeypatch.setenv("SCRIPTORIUM_SERVE_WORKER", "yes")
    assert _defaults()["worker"] is True
    assert _defaults("--no-worker")["worker"] is False


def test_a_value_that_is_not_a_number_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("SCRIPTORIUM_PORT", "eighty")

    with pytest.raises(ValueError, match="SCRIPTORIUM_PORT must be a whole number"):
        _defaults()
