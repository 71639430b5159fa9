"""The OpenAPI schema is served, valid, and documents the contribution API."""
import subprocess
import sys
from pathlib import Path

from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]


def test_schema_is_served_and_valid(client, db):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    items = schema["paths"]["/api/v1/items/"]
    body = items["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    upload = schema["components"]["schemas"][body]
    assert {"files", "licence", "consent"} <= set(upload["required"])
    assert {"caption", "date_text", "place", "people"} <= set(upload["properties"])
    assert "202" in items["post"]["responses"]
    assert "/api/v1/auth/token/" in schema["paths"]
    item = schema["components"]["schemas"]["Item"]["properties"]
    assert {"id", "url", "status", "status_reason"} <= set(item)


def test_schema_generation_has_no_warnings():
    result = subprocess.run([sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn",
                             "--file", "/dev/null"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def test_interactive_docs_are_served_without_internet(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
