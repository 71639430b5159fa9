"""The pipeline run in-process (no broker): one decode per page, clean failures, the change announced after commit."""
import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from PIL import Image

from archive.models import Derivative, Item
from archive.services import Contribution, item_create, item_mark_processing, item_withdraw
from archive.signals import item_changed
from ingest.pipeline import item_process
from ingest.tasks import ingest_item
from tests.ingest import samples
from tests.ingest.conftest import CC_BY, files_under, leftovers, media

pytestmark = pytest.mark.django_db


def stored_item(user, content: bytes, name="photo.jpg", **contribution) -> Item:
    """An item as an upload makes it (its processing is not queued: the test transaction never commits)."""
    return item_create(contributor=user, upload=ContentFile(content, name=name),
                       contribution=Contribution(licence=CC_BY, consent=True, **contribution))


def test_each_page_is_decoded_once_for_all_its_tiles_and_copies(villager, monkeypatch):
    decoders = []
    real = Image._getdecoder

    def counting(mode, decoder_name, *args, **kwargs):
        decoders.append(decoder_name)
        return real(mode, decoder_name, *args, **kwargs)

    item = stored_item(villager, samples.encode(samples.photo(3000, 2000, seed=80), "JPEG"))
    monkeypatch.setattr(Image, "_getdecoder", counting)
    assert item_process(item.pk) == "ready"
    asset = item.assets.get()
    assert len(files_under(f"iiif/{asset.pk}")) == 35  # 24 + 6 + 2 tiles, 2 whole sizes and info.json
    assert decoders == ["jpeg"]


def test_a_task_run_again_is_harmless(villager):
    """Unit test of the task function (eager Celery): a second delivery changes nothing."""
    item = stored_item(villager, samples.encode(samples.photo(600, 400, seed=81), "JPEG"))
    assert ingest_item.apply(args=[item.pk]).get() == "ready"
    before = sorted(Derivative.objects.filter(asset__item=item).values_list("id", "kind", "path"))
    assert ingest_item.apply(args=[item.pk]).get() == "ready"
    assert sorted(Derivative.objects.filter(asset__item=item).values_list("id", "kind", "path")) == before
    assert item.audit_events.filter(action="processed").count() == 1
    assert ingest_item.apply(args=[987654321]).get() == "missing"


def test_a_file_that_keeps_killing_workers_is_set_aside(villager):
    item = stored_item(villager, samples.encode(samples.photo(60, 40, seed=82), "JPEG"))
    for _ in range(3):  # three deliveries that never finished (the worker was lost each time)
        item_mark_processing(item)
    assert item_process(item.pk) == "failed"
    item.refresh_from_db()
    assert (item.status_reason, item.status_params) == ("keeps_crashing", {"attempts": 3})


@override_settings(COFIO_MAX_INGEST_BYTES=1000)
def test_the_byte_limit(villager):
    item = stored_item(villager, samples.encode(samples.photo(300, 200, seed=83), "JPEG"))
    assert item_process(item.pk) == "failed"
    item.refresh_from_db()
    assert item.status_reason == "too_large" and "the most the archive takes is 0.0 MB" in \
        item.status_params["detail_en"]


def test_a_damaged_later_page_fails_the_item_and_leaves_nothing_half_made(villager):
    data = bytearray(samples.tiff_pages(2))
    with Image.open(__import__("io").BytesIO(bytes(data))) as tiff:
        tiff.seek(1)
        start = tiff.tag_v2[273][0]
    data[start + 10:start + 400] = b"\xff" * 390  # garble the second page's compressed data
    item = stored_item(villager, bytes(data), name="letter.tif")
    assert item_process(item.pk) == "failed"
    item.refresh_from_db()
    assert item.status_reason == "damaged"
    assert item.assets.count() == 1 and not Derivative.objects.filter(asset__item=item).exists()
    assert files_under(f"derivatives/{item.pk}") == set() and leftovers() == []
    assert not any(media("iiif").glob(f"{item.assets.get().pk}*"))
    steps = item.audit_events.get(action="failed").detail["steps"]
    assert [s["step"] for s in steps] == ["fixity", "sniff", "metadata", "derivatives"]  # page 1 was made


def test_the_change_is_announced_after_commit(villager, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, item_id, status, **kwargs):
        heard.append((item_id, status))

    item_changed.connect(receiver)
    try:
        ready = stored_item(villager, samples.encode(samples.photo(80, 60, seed=84), "JPEG"))
        failed = stored_item(villager, samples.pdf(), name="letter.jpg")
        with django_capture_on_commit_callbacks(execute=True):
            item_process(ready.pk)
            item_process(failed.pk)
            assert heard == []  # nothing before the transaction commits
        assert heard == [(ready.pk, "ready"), (failed.pk, "failed")]
        with django_capture_on_commit_callbacks(execute=True):
            item_withdraw(Item.objects.get(pk=ready.pk), actor=None, reason="duplicate of a family album")
        assert heard[-1] == (ready.pk, "withdrawn")
    finally:
        item_changed.disconnect(receiver)


def test_a_failing_receiver_does_not_stop_processing(villager, django_capture_on_commit_callbacks):
    def broken(sender, **kwargs):
        raise RuntimeError("search is down")

    item_changed.connect(broken)
    try:
        item = stored_item(villager, samples.encode(samples.photo(80, 60, seed=85), "JPEG"))
        with django_capture_on_commit_callbacks(execute=True):
            assert item_process(item.pk) == "ready"
    finally:
        item_changed.disconnect(broken)
    item.refresh_from_db()
    assert item.status == "ready" and item.audit_events.filter(action="processed").count() == 1
