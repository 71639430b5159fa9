"""A worker killed (SIGKILL) in the middle of an ingest: the task is redelivered and the item completes
exactly once — one item, one set of derivatives, no orphan files."""
import time

from archive.models import AuditEvent, Derivative, FixityCheck, Item
from ingest.tiles import tile_paths
from tests.conftest import wait_for_status
from tests.ingest import samples
from tests.ingest.conftest import files_under, leftovers, media, upload_file


def wait_until(condition, timeout: float, interval: float = 0.002) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def test_an_ingest_cut_short_by_sigkill_completes_exactly_once(villager, worker, post_files):
    content = samples.encode(samples.photo(6000, 4000, seed=50), "JPEG", quality=85)  # a 24-megapixel photo
    body = post_files(villager, [upload_file("DSC_0050.JPG", content)])
    item = Item.objects.get(pk=body["items"][0]["id"])
    asset = item.assets.get()
    building = media(f"iiif/{asset.pk}.partial")

    # Kill the whole worker (main process and pool) while the tile pyramid is being written.
    assert wait_until(lambda: building.exists() and any(building.iterdir()), timeout=60), \
        f"the worker never started tiling; item is {Item.objects.get(pk=item.pk).status}"
    worker.kill()
    item.refresh_from_db()
    assert item.status == "processing" and building.exists()
    assert not item.audit_events.filter(action=AuditEvent.Action.PROCESSED).exists()

    # A new worker takes the unacknowledged task back (after the broker's visibility timeout).
    original_env = dict(worker.env)
    worker.env["CELERY_VISIBILITY_TIMEOUT"] = "1"
    try:
        time.sleep(1.5)
        worker.start()
        item = wait_for_status(item, timeout=120)
    finally:
        worker.stop()
        worker.env = original_env
        worker.start()

    assert item.status == "ready", (item.status_reason, item.status_params)
    assert Item.objects.filter(batch_id=body["batch"]["id"]).count() == 1
    actions = list(item.audit_events.order_by("id").values_list("action", "detail"))
    assert [a for a, _ in actions] == ["received", "approved", "processing", "processing", "processed"]
    assert [d["attempt"] for a, d in actions if a == "processing"] == [1, 2]
    assert item.assets.count() == 1
    assert sorted(Derivative.objects.filter(asset__item=item).values_list("kind", flat=True)) == \
        ["thumbnail", "tiles", "web"]
    assert FixityCheck.objects.filter(asset=asset, ok=True).count() == 2  # one per attempt

    # Exactly the files of one complete ingest, and nothing half-written anywhere.
    assert files_under(f"iiif/{asset.pk}") == set(tile_paths(6000, 4000))
    assert files_under(f"derivatives/{item.pk}") == {f"{asset.pk}/thumbnail.jpg", f"{asset.pk}/web.jpg"}
    assert not building.exists() and leftovers() == []
    sha = asset.sha256
    assert files_under(f"originals/{sha[:2]}/{sha[2:4]}") == {sha}
    assert media(asset.original.name).read_bytes() == content  # the original is never modified
