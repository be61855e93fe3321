"""The OpenAPI schema: OpenAPI 3.1, every endpoint in it, generated without a warning."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_generates_without_warnings(tmp_path, capsys) -> None:
    out = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    assert schema["openapi"] == "3.1.0"
    assert set(schema["paths"]) >= {
        "/api/v1/works/",
        "/api/v1/works/{work_id}/",
        "/api/v1/works/{work_id}/chapters/",
        "/api/v1/works/{work_id}/chapters/{chapter_id}/",
        "/api/v1/tags/{name}/",
        "/api/v1/series/{series_id}/",
    }
    assert "personalAccessToken" in schema["components"]["securitySchemes"]


def test_the_schema_is_served(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Scriptorium API"
    docs = client.get("/api/v1/docs").content.decode()
    assert 'href="/api/v1/openapi.json"' in docs and "chapters/<wbr>{chapter_id}" in docs
