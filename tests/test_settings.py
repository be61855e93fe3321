"""Every setting an operator may change is read from the environment and documented in .env.example."""

import os
import re
import secrets
import subprocess
import sys
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


def _deploy_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """`scriptorium check --deploy` in a fresh process with production-like settings (and nothing else from
    this machine's SCRIPTORIUM_* variables)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCRIPTORIUM_", "DATABASE_URL", "DJANGO_"))}
    clean.update(
        SCRIPTORIUM_DATA_DIR=str(tmp_path / "data"),
        SCRIPTORIUM_ALLOWED_HOSTS="archive.example.org",
        SCRIPTORIUM_SECRET_KEY=secrets.token_urlsafe(60),
        **env,
    )
    command = [sys.executable, "-m", "scriptorium", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=120, check=False)


def test_an_https_address_turns_on_what_https_calls_for(tmp_path) -> None:
    """With only an https SCRIPTORIUM_BASE_URL, Django's deployment check finds nothing: secure cookies, the
    redirect to HTTPS, HSTS, and email over SMTP instead of the console."""
    result = _deploy_check(tmp_path, SCRIPTORIUM_BASE_URL="https://archive.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _setting(tmp_path: Path, name: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCRIPTORIUM_", "DATABASE_URL", "DJANGO_"))}
    clean.update(SCRIPTORIUM_DATA_DIR=str(tmp_path / "data"), **env)
    code = f"from scriptorium import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


def test_a_public_archive_requires_email_verification_so_sign_up_cannot_tell_a_taken_address(tmp_path) -> None:
    https = {"SCRIPTORIUM_BASE_URL": "https://archive.example.org"}
    assert _setting(tmp_path, "ACCOUNT_EMAIL_VERIFICATION", **https) == "mandatory"
    assert _setting(tmp_path, "ACCOUNT_EMAIL_VERIFICATION", SCRIPTORIUM_BASE_URL="http://127.0.0.1:8000") == "optional"
    assert _setting(tmp_path, "ACCOUNT_EMAIL_VERIFICATION", SCRIPTORIUM_EMAIL_VERIFICATION="none", **https) == "none"


def test_a_plain_http_archive_is_still_warned_about(tmp_path) -> None:
    result = _deploy_check(tmp_path, SCRIPTORIUM_BASE_URL="http://archive.example.org")
    assert result.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "mail.E001"):
        assert code in result.stderr, code


@pytest.mark.django_db
def test_every_page_refuses_browser_features_it_does_not_use(client) -> None:
    response = client.get("/")
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_base_url_is_the_served_address_unless_set(tmp_path) -> None:
    """Links made away from a request (downloads, the command line, emails) name the address `scriptorium serve`
    last served on, not port 8000 when it runs elsewhere; SCRIPTORIUM_BASE_URL wins; a slash at the end is dropped."""
    assert _setting(tmp_path, "SCRIPTORIUM_BASE_URL") == "http://127.0.0.1:8000"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "served-at").write_text("http://127.0.0.1:8123\n")
    assert _setting(tmp_path, "SCRIPTORIUM_BASE_URL") == "http://127.0.0.1:8123"
    public = {"SCRIPTORIUM_BASE_URL": "https://archive.example.org/"}
    assert _setting(tmp_path, "SCRIPTORIUM_BASE_URL", **public) == "https://archive.example.org"
    (tmp_path / "data" / "served-at").write_text("javascript:alert(1)\n")
    assert _setting(tmp_path, "SCRIPTORIUM_BASE_URL") == "http://127.0.0.1:8000"
