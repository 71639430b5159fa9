"""Changes reach the index after commit, through Celery (a real worker), and leave it when withdrawn."""
from archive.models import Item
from archive.search import engine
from archive.search.models import IndexState
from archive.services import item_withdraw
from tests.conftest import jpeg_bytes, wait_for_status
from tests.ingest.conftest import upload_file
from tests.search.conftest import SEARCH, ids, wait_until


def _found(api, q) -> list[int]:
    return ids(api.get(SEARCH, {"q": q}).json())


def test_an_upload_becomes_findable_and_a_withdrawal_or_going_private_removes_it(api, villager, curator, worker,
                                                                                  search_index, post_files):
    body = post_files(villager, [upload_file("capel.jpg", jpeg_bytes(color=(10, 20, 30))),
                                 upload_file("capel2.jpg", jpeg_bytes(color=(200, 20, 30)))],
                      caption="Capel Bethel ar ddydd y Cymanfa Ganu", language="cy", place="Troedrhiwfuwch",
                      people=["Mam-gu"], date_text="haf 1947")
    first, second = (wait_for_status(Item.objects.get(pk=i["id"])) for i in body["items"])
    assert first.status == second.status == "ready"
    api.force_authenticate(None)
    wait_until(lambda: set(_found(api, "cymanfa")) == {first.pk, second.pk}, 30, message="both items findable")
    document = engine.document(first.pk)
    assert document["place"]["names"] == ["Troedrhiwfuwch"] and document["years"] == [1947]
    assert [p["names"] for p in document["people"]] == [["Mam-gu"]] and document["media_type"] == ["image/jpeg"]

    item_withdraw(first, curator, reason="duplicate")  # a service, committed at once (no request transaction)
    assert _found(api, "cymanfa") == [second.pk]  # hidden from the moment it returns
    second.visibility = Item.Visibility.PRIVATE
    second.save()
    assert _found(api, "cymanfa") == []
    wait_until(lambda: not IndexState.objects.filter(pending=True).exists(), 30, message="outbox empty")
    assert engine.document_ids() == set()  # and the index itself caught up, through Celery
