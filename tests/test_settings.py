"""Every setting an operator may change is read from the environment and documented in .env.example."""

import re
from pathlib import Path

import pytest

from scriptorium.core.env import env_bool, env_int, env_list, load_dotenv

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_is_documented() -> None:
    settings_source = (ROOT / "scriptorium" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "settings.py reads no variables?"
    assert read - documented == set()


def test_env_helpers_parse_and_reject(monkeypatch) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 12
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("X_BOOL", "perhaps")
    with pytest.raises(ValueError, match="X_BOOL"):
        env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ValueError, match="X_INT"):
        env_int("X_INT", 0)


def test_dotenv_does_not_override_the_environment(tmp_path, monkeypatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\nX_ONE="from file"\nX_TWO=file\n')
    monkeypatch.setenv("X_TWO", "from environment")
    monkeypatch.delenv("X_ONE", raising=False)
    load_dotenv(env_file)
    import os

    assert os.environ["X_ONE"] == "from file"
    assert os.environ["X_TWO"] == "from environment"
    monkeypatch.delenv("X_ONE")
