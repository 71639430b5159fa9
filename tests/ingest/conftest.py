"""Helpers for the ingest tests: uploading through the real API and looking at what the worker made."""
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

CC_BY = "http://creativecommons.org/licenses/by/4.0/"
ITEMS = "/api/v1/items/"


def upload_file(name: str, content: bytes, kind: str = "image/jpeg") -> SimpleUploadedFile:
    """A file part as a browser would send it (the name and type are the contributor's, not trusted)."""
    return SimpleUploadedFile(name, content, content_type=kind)


def contribution(**extra) -> dict:
    """The form fields of an upload."""
    data = {"caption": "Capel Bethel", "language": "en", "licence": CC_BY, "consent": "true"}
    data.update(extra)
    return data


def media(relative: str) -> Path:
    """A path under the test run's MEDIA_ROOT."""
    return Path(settings.MEDIA_ROOT) / relative


def files_under(relative: str) -> set[str]:
    """Every file below a media folder, relative to it."""
    root = media(relative)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def leftovers() -> list[str]:
    """Half-written files or folders anywhere under MEDIA_ROOT (there should never be any once work is done)."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith((".part", ".partial", ".old")))


@pytest.fixture
def post_files(api):
    """Upload files through the API as ``user``; returns the 202 body."""

    def post(user, files, **fields):
        api.force_authenticate(user)
        response = api.post(ITEMS, {**contribution(**fields), "files": files}, format="multipart")
        assert response.status_code == 202, response.content
        return response.json()

    return post
