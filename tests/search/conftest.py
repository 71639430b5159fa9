"""Fixtures for the search tests: a fresh index per test, and items made straight with the ORM.

Tests that use ``db`` run inside a transaction, so nothing reaches the index by itself (no
commit, no Celery): they call :func:`index_pending` to apply the outbox, which makes each step
explicit. Tests with the ``worker`` see changes arrive through Celery after commit.
"""
import time

import pytest

from archive.licences import LICENCES
from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Subject
from archive.search.indexing import index_rebuild, outbox_drain
from tests.ingest.conftest import ITEMS, contribution

SEARCH = "/api/v1/search/"


@pytest.fixture
def search_index(db):
    """A fresh, empty index behind this run's alias for the test."""
    index_rebuild()


def index_pending() -> int:
    """Apply every change waiting in the outbox to the index now (what the Celery tasks do after commit)."""
    return outbox_drain()


@pytest.fixture
def make_item(db, villager):
    """Make a ready, public item: ``make_item("caption", place=…, people=[…], date=(start, end), …)``.

    The caption is also the English (or ``language``) title; extra ``voices`` are
    ``(text, language)`` pairs. Every item gets a JPEG asset and a thumbnail path.
    """

    def make(caption="", *, language="en", place=None, people=(), subjects=(), collections=(), voices=(),
             date=(None, None), media_type="image/jpeg", contributor=None, **fields):
        fields.setdefault("licence", LICENCES[0].uri)
        fields.setdefault("status", Item.Status.READY)
        fields.setdefault("moderation", "approved")  # a curator approved it (new items wait by default)
        fields.setdefault(f"title_{'cy' if language == 'cy' else 'en'}", caption)
        item = Item.objects.create(contributor=contributor or villager, place=place, consent=True,
                                   date_start=date[0], date_end=date[1], **fields)
        item.accession_number = f"COF-{item.pk:06d}"
        item.save(update_fields=["accession_number"])
        item.people.set(people)
        item.subjects.set(subjects)
        item.collections.set(collections)
        author = contributor or villager
        for text, lang in ([(caption, language)] if caption else []) + list(voices):
            Description.objects.create(item=item, text=text, language=lang, author=author, moderation="approved")
        sha = f"{item.pk:064x}"
        asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", size_bytes=10,
                                     original_filename="llun.jpg", sha256=sha, media_type=media_type)
        Derivative.objects.create(asset=asset, kind="thumbnail", path=f"derivatives/{item.pk}/{asset.pk}/thumbnail.jpg")
        return item

    return make


@pytest.fixture
def vocabulary(db):
    """Two places (with variants and coordinates), people, subjects and a collection."""
    return {
        "troed": Place.objects.create(name_cy="Troedrhiwfuwch", name_en="Troedrhiwfuwch",
                                      variants=["Troed-rhiw-fuwch"], latitude=51.7347, longitude=-3.2671),
        "rhymni": Place.objects.create(name_cy="Rhymni", name_en="Rhymney", variants=["Rhumney"],
                                       latitude=51.7590, longitude=-3.2836),
        "london": Place.objects.create(name_cy="Llundain", name_en="London", latitude=51.5072, longitude=-0.1276),
        "dai": Person.objects.create(name="Dai Evans", variants=["Dai Bach"]),
        "megan": Person.objects.create(name="Megan Lewis"),
        "chapel": Subject.objects.create(slug="capel", label_cy="Capel", label_en="Chapel"),
        "colliery": Subject.objects.create(slug="glofa", label_cy="Glofa", label_en="Colliery"),
        "choirs": Collection.objects.create(slug="corau", title_cy="Corau'r cwm", title_en="Choirs of the valley"),
    }


@pytest.fixture
def post_files(api):
    """Upload files through the API as ``user`` (a real request, committed); returns the 202 body."""

    def post(user, files, **fields):
        api.force_authenticate(user)
        response = api.post(ITEMS, {**contribution(**fields), "files": files}, format="multipart")
        assert response.status_code == 202, response.content
        api.force_authenticate(None)
        return response.json()

    return post


@pytest.fixture
def searched(api):
    """``searched(q="…", place=[…])`` → the JSON of GET /api/v1/search/ (asserting a 200)."""

    def get(language="en", **params):
        response = api.get(SEARCH, params, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, response.content
        return response.json()

    return get


def ids(body) -> list[int]:
    """The ids of the results of a search response, in order."""
    return [r["id"] for r in body["results"]]


def facet_values(body, name) -> dict[str, int]:
    """``{value: count}`` of one facet of a search response."""
    return {v["value"]: v["count"] for v in body["facets"][name]}


def wait_until(condition, timeout=60.0, interval=0.2, message="condition"):
    """Poll ``condition()`` until it is true; fail with ``message`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"{message} was not met within {timeout} s")
