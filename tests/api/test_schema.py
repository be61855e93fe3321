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
        "/api/v1/works/{work_id}/kudos/",
        "/api/v1/works/{work_id}/comments/",
        "/api/v1/works/{work_id}/chapters/{chapter_id}/comments/",
        "/api/v1/comments/{comment_id}/",
        "/api/v1/bookmarks/",
        "/api/v1/bookmarks/{bookmark_id}/",
        "/api/v1/subscriptions/",
        "/api/v1/subscriptions/{kind}/{target_id}/",
        "/api/v1/marked-for-later/",
        "/api/v1/marked-for-later/{work_id}/",
        "/api/v1/history/",
        "/api/v1/history/settings/",
        "/api/v1/history/entries/{reading_id}/",
    }
    # every write says what it takes, refuses unknown fields, and names its errors
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method in ("post", "put", "patch", "delete"):
                assert {"400", "401", "403", "404", "429"} <= set(operation["responses"]), (method, path)
            if "requestBody" in operation:
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                assert schema["components"]["schemas"][ref]["additionalProperties"] is False, (method, path)
    assert "personalAccessToken" in schema["components"]["securitySchemes"]


def test_the_schema_is_served(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Scriptorium API"
    docs = client.get("/api/v1/docs").content.decode()
    assert 'href="/api/v1/openapi.json"' in docs and "chapters/<wbr>{chapter_id}" in docs
