"""The engine goes down: nothing users do fails or is lost, and the index ends up exactly like the database.

This test has a search node and a Celery worker of its own (the session's node and worker are
left alone, so other runs on the machine are not disturbed): it stops the node, makes 20 changes
through the API and the services, starts the node again and waits for the outbox to drain.
"""
import json
import shutil
import socket
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from archive.models import Description, Item, Person
from archive.search import engine
from archive.search.documents import documents_for, items_to_index
from archive.search.indexing import index_rebuild
from archive.search.models import IndexState
from archive.services import item_withdraw
from tests.conftest import ROOT, Worker, _worker_env, jpeg_bytes, wait_for_status
from tests.ingest.conftest import upload_file
from tests.search.conftest import SEARCH, wait_until

sys.path.insert(0, str(ROOT / "bin"))
import searchnode  # noqa: E402


def _free_port() -> int:
    """An http port for a node of our own (the runner accepts ports up to 9299; transport is port + 100)."""
    for port in range(9270, 9300):
        with socket.socket() as a, socket.socket() as b:
            if a.connect_ex(("127.0.0.1", port)) and b.connect_ex(("127.0.0.1", port + 100)):
                return port
    pytest.skip("no free port in 9270-9299 for a second search node")


@pytest.fixture
def own_node_and_worker(settings, celery_worker_process, transactional_db):
    """A node and a worker for this test alone; the session's worker is paused meanwhile."""
    base = Path(django_settings.VAR_DIR) / f"search-outage-{django_settings.TEST_RUN}"
    port = _free_port()
    url = searchnode.ensure_started(port, str(base), "384m")
    settings.SEARCH_URL = url
    celery_worker_process.stop()
    worker = Worker({**_worker_env(django_settings.DATABASES["default"]["NAME"]), "SEARCH_URL": url},
                    Path(django_settings.VAR_DIR) / f"test-worker-outage-{django_settings.TEST_RUN}.log")
    worker.start()
    yield {"port": port, "base": base, "worker": worker}
    worker.stop()
    searchnode.stop(str(base))
    shutil.rmtree(base, ignore_errors=True)


def _normalised(document: dict) -> dict:
    return json.loads(json.dumps(document, default=str))


def test_twenty_changes_while_the_engine_is_down_all_land_when_it_is_back(own_node_and_worker, make_item, api,
                                                                         villager, curator, post_files):
    node = own_node_and_worker
    items = [make_item(f"Llun {n} o'r pentref") for n in range(12)]
    index_rebuild()
    assert engine.document_ids() == {i.pk for i in items}

    searchnode.stop(str(node["base"]))
    assert api.get(SEARCH, {"q": "pentref"}).status_code == 503  # search says so; nothing else is affected
    assert api.get("/").status_code == 200

    body = post_files(villager, [upload_file(f"new{n}.jpg", jpeg_bytes(color=(n * 40, 90, 30))) for n in range(4)],
                      caption="Lluniau newydd o'r pentref", language="cy")                       # 4 uploads
    for item in items[0:4]:
        item_withdraw(item, curator, reason="duplicate")                                           # 4 withdrawals
    for item in items[4:8]:
        item.visibility = Item.Visibility.PRIVATE                                                  # 4 made private
        item.save()
    for item in items[8:12]:
        Description.objects.create(item=item, text="Mam-gu sy'n sefyll ar y chwith", language="cy",
                                   author=villager, moderation="approved")                                               # 4 memories added
    dai = Person.objects.create(name="Dai Evans")
    for item in items[8:12]:
        item.people.add(dai)                                                                       # 4 people named
    uploaded = [wait_for_status(Item.objects.get(pk=i["id"])) for i in body["items"]]
    assert [i.status for i in uploaded] == ["ready"] * 4
    assert IndexState.objects.filter(pending=True).count() == 16  # 20 changes to 16 items, none indexed

    searchnode.ensure_started(node["port"], str(node["base"]), "384m")
    wait_until(lambda: not IndexState.objects.filter(pending=True).exists(), 90, 0.5, "every change indexed")

    expected = documents_for(items_to_index().values_list("pk", flat=True))
    assert engine.document_ids() == set(expected) == {i.pk for i in items[8:]} | {i.pk for i in uploaded}
    for pk, document in expected.items():
        assert engine.document(pk) == _normalised(document), pk
    found = api.get(SEARCH, {"q": "mam-gu dai"}).json()
    assert {r["id"] for r in found["results"]} == {i.pk for i in items[8:]}
