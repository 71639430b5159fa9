"""Fixity: originals re-hashed on a rolling schedule (celery beat + a real worker), each check recorded,
and a visible alarm on a mismatch."""
import subprocess
import sys
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from archive.models import Asset, AuditEvent, FixityCheck, Item
from archive.services import Contribution, item_create
from ingest.tasks import fixity_audit_run
from tests.conftest import ROOT, wait_for_status
from tests.ingest import samples
from tests.ingest.conftest import CC_BY, media, upload_file


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_scheduled_audit_raises_the_alarm_on_a_mismatch_and_clears_it(client, villager, worker, post_files,
                                                                          tmp_path):
    files = [upload_file(f"{n}.jpg", samples.encode(samples.photo(300, 200, seed=60 + n))) for n in range(2)]
    body = post_files(villager, files)
    items = [wait_for_status(Item.objects.get(pk=i["id"])) for i in body["items"]]
    rotten, sound = (item.assets.get() for item in items)
    assert FixityCheck.objects.filter(ok=True).count() == 2  # the first check, at ingest
    path = media(rotten.original.name)
    good = path.read_bytes()
    path.write_bytes(good[:100] + bytes([good[100] ^ 0x01]) + good[101:])  # one flipped bit

    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ingest", "beat", "--loglevel=INFO", "--max-interval=1",
         "--schedule", str(tmp_path / "beat-schedule")],
        cwd=ROOT, env={**worker.env, "COFIO_FIXITY_EVERY_SECONDS": "1"},
        stdout=open(tmp_path / "beat.log", "wb"), stderr=subprocess.STDOUT,
    )
    try:
        assert wait_until(lambda: FixityCheck.objects.filter(asset=rotten, ok=False).exists()), \
            (tmp_path / "beat.log").read_text()
    finally:
        beat.terminate()
        beat.wait(timeout=20)

    rotten.refresh_from_db()
    check = FixityCheck.objects.filter(asset=rotten, ok=False).first()
    assert rotten.fixity_ok is False and check.expected == rotten.sha256 and check.actual not in ("", rotten.sha256)
    alarm = AuditEvent.objects.get(item=rotten.item, action=AuditEvent.Action.FIXITY_CHECKED)
    assert alarm.detail["ok"] is False and alarm.detail["actual"] == check.actual
    sound.refresh_from_db()
    assert sound.fixity_ok is True and sound.fixity_checks.count() >= 2
    assert not AuditEvent.objects.filter(item=sound.item, action=AuditEvent.Action.FIXITY_CHECKED).exists()
    assert "FIXITY MISMATCH" in worker.log_path.read_text()
    health = client.get("/healthz")
    assert health.status_code == 200  # a warning, not an outage
    assert health.json()["services"]["fixity"] == {
        "ok": True, "note": "ALARM: 1 original(s) failed their fixity check; see the admin"}

    path.write_bytes(good)  # restored from the backup
    fixity_audit_run.delay(limit=10)
    assert wait_until(lambda: Asset.objects.get(pk=rotten.pk).fixity_ok is True)
    events = AuditEvent.objects.filter(item=rotten.item, action=AuditEvent.Action.FIXITY_CHECKED).order_by("id")
    assert [e.detail["ok"] for e in events] == [False, True]
    assert client.get("/healthz").json()["services"]["fixity"] == {"ok": True}


def _stored(villager, n: int) -> Asset:
    upload = ContentFile(samples.encode(samples.photo(64, 48, seed=70 + n)), name=f"{n}.jpg")
    return item_create(contributor=villager, upload=upload,
                       contribution=Contribution(licence=CC_BY, consent=True)).assets.get()


def test_the_audit_rolls_through_the_least_recently_checked(villager, db):
    """Unit test of the task function (eager): each run takes the originals checked longest ago."""
    assets = [_stored(villager, n) for n in range(3)]
    long_ago = timezone.now() - timedelta(days=30)
    Asset.objects.filter(pk=assets[0].pk).update(fixity_checked_at=long_ago, fixity_ok=True)
    Asset.objects.filter(pk=assets[1].pk).update(fixity_checked_at=long_ago - timedelta(days=1), fixity_ok=True)

    assert fixity_audit_run.apply(kwargs={"limit": 2}).get() == {"checked": 2, "failed": 0}
    checked = set(FixityCheck.objects.values_list("asset_id", flat=True))
    assert checked == {assets[2].pk, assets[1].pk}  # never checked first, then the oldest check
    assert fixity_audit_run.apply(kwargs={"limit": 1}).get() == {"checked": 1, "failed": 0}
    assert FixityCheck.objects.filter(asset=assets[0]).count() == 1

    media(assets[0].original.name).unlink()  # a missing original is a failure too
    Asset.objects.filter(pk=assets[0].pk).update(fixity_checked_at=None)
    assert fixity_audit_run.apply(kwargs={"limit": 1}).get() == {"checked": 1, "failed": 1}
    assert FixityCheck.objects.filter(asset=assets[0]).first().actual == ""


def test_the_alarm_is_visible_in_the_admin_and_in_healthz(villager, make_user, client, db):
    rotten, sound = _stored(villager, 10), _stored(villager, 11)
    media(rotten.original.name).write_bytes(b"not what was uploaded")
    fixity_audit_run.apply(kwargs={"limit": 10}).get()
    client.force_login(make_user("keeper", role="curator", is_staff=True, is_superuser=True))
    page = client.get("/admin/archive/asset/?fixity_ok__exact=0").content.decode()
    assert f"/admin/archive/asset/{rotten.pk}/change/" in page
    assert f"/admin/archive/asset/{sound.pk}/change/" not in page
    assert client.get("/admin/archive/fixitycheck/").status_code == 200
    health = client.get("/healthz").json()
    assert health["services"]["fixity"]["note"].startswith("ALARM: 1 original(s)")
