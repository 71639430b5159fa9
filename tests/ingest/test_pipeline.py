"""Uploads through the API, processed by a real Celery worker: what a contributor and a visitor then see."""
import json
import struct

from PIL import Image

from archive.models import Asset, AuditEvent, FixityCheck, Item, Place
from ingest.tiles import tile_paths
from tests.conftest import wait_for_status
from tests.ingest import samples
from tests.ingest.conftest import ITEMS, files_under, leftovers, media, upload_file


def jpeg_metadata_markers(data: bytes) -> list[int]:
    """The APPn (other than JFIF's APP0) and COM markers of a JPEG: where EXIF, XMP, ICC or comments would be."""
    found, at = [], 2
    while at + 4 <= len(data):
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker == 0xDA:
            break
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:
            found.append(marker)
        at += 2 + length
    return found


def uploaded(body: dict) -> Item:
    """The first item of an upload's 202 body, once the worker has processed it."""
    return wait_for_status(Item.objects.get(pk=body["items"][0]["id"]))


def assert_no_metadata(path):
    data = path.read_bytes()
    assert jpeg_metadata_markers(data) == [], path
    assert b"Exif" not in data[:4096] and b"GPS" not in data[:4096]


def test_phone_photo_becomes_ready_upright_without_metadata_and_with_suggestions(api, villager, worker, post_files):
    place = Place.objects.create(name_en="Aberystwyth", latitude=52.4150, longitude=-4.0830)
    exif = samples.camera_exif(orientation=6)  # the phone was held upright: 1200 × 800 stored, 800 × 1200 shown
    content = samples.encode(samples.photo(1200, 800, seed=11), "JPEG", quality=90, exif=exif)
    body = post_files(villager, [upload_file("IMG_0001.JPG", content)])
    item = wait_for_status(Item.objects.get(pk=body["items"][0]["id"]))
    assert item.status == "ready", (item.status_reason, item.status_params)

    asset = item.assets.get()
    assert (asset.width, asset.height, asset.media_type) == (800, 1200, "image/jpeg")
    assert asset.exif["camera"] == "Canon EOS 5D Mark IV" and asset.exif["orientation"] == 6
    assert asset.exif["place_nearby"]["place"] == place.pk
    derivatives = {d.kind: d for d in asset.derivatives.all()}
    assert set(derivatives) == {"thumbnail", "web", "tiles"}
    assert (derivatives["thumbnail"].width, derivatives["thumbnail"].height) == (267, 400)
    assert (derivatives["web"].width, derivatives["web"].height) == (800, 1200)
    assert derivatives["tiles"].path == f"iiif/{asset.pk}"

    # Tiles: the IIIF level-0 layout, complete, and nothing that carries EXIF or GPS.
    assert files_under(f"iiif/{asset.pk}") == set(tile_paths(800, 1200))
    info = json.loads(media(f"iiif/{asset.pk}/info.json").read_text())
    assert info["id"] == f"/media/iiif/{asset.pk}" and info["profile"] == "level0"
    assert (info["width"], info["height"]) == (800, 1200)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    for relative in files_under(f"iiif/{asset.pk}") - {"info.json"}:
        assert_no_metadata(media(f"iiif/{asset.pk}/{relative}"))
    for kind in ("thumbnail", "web"):
        assert_no_metadata(media(derivatives[kind].path))
    with Image.open(media(derivatives["web"].path)) as web:
        assert web.size == (800, 1200) and not web.getexif()
    assert leftovers() == []

    # The contributor typed no date: it comes from the camera, and the audit log says so.
    assert (item.date_text, str(item.date_start), str(item.date_end)) == ("2019-07-04", "2019-07-04", "2019-07-04")
    events = list(item.audit_events.order_by("id"))
    assert [e.action for e in events] == ["received", "approved", "processing", "edited", "processed"]
    assert events[3].detail["source"].startswith("camera") and events[3].actor is None
    steps = [s["step"] for s in events[4].detail["steps"]]
    assert steps == ["fixity", "sniff", "metadata", "derivatives", "date"]
    assert FixityCheck.objects.filter(asset=asset, ok=True).count() == 1

    # The contributor sees the camera data and a suggested place; a visitor sees neither.
    api.force_authenticate(villager)
    mine = api.get(f"{ITEMS}{item.pk}/").json()
    assert mine["assets"][0]["camera"] == {"date_taken": "2019-07-04T14:03:00", "camera": "Canon EOS 5D Mark IV",
                                           "location": {"latitude": 52.4153, "longitude": -4.0829}}
    assert [h["code"] for h in mine["hints"]] == ["place_nearby"]
    assert mine["hints"][0]["place"]["id"] == place.pk and "Aberystwyth" in mine["hints"][0]["message"]
    api.force_authenticate(None)
    public = api.get(f"{ITEMS}{item.pk}/").json()
    assert public["assets"][0]["camera"] == {} and public["hints"] == []
    assert public["share_location"] is False
    assert b"52.41" not in api.get(f"{ITEMS}{item.pk}/").content


def test_location_is_shown_to_visitors_only_with_consent(api, villager, worker, post_files):
    content = samples.encode(samples.photo(300, 200, seed=12), "JPEG", exif=samples.camera_exif(gps=(51.48, -3.18)))
    body = post_files(villager, [upload_file("cardiff.jpg", content)], share_location="true")
    item = wait_for_status(Item.objects.get(pk=body["items"][0]["id"]))
    assert item.status == "ready" and item.share_location
    api.force_authenticate(None)
    public = api.get(f"{ITEMS}{item.pk}/").json()
    assert public["assets"][0]["camera"] == {"location": {"latitude": 51.48, "longitude": -3.18}}
    with Image.open(media(item.assets.get().derivatives.get(kind="web").path)) as web:
        assert not web.getexif()  # consent shows the place in the API; the pictures stay bare


def test_the_contributors_date_is_kept_and_the_cameras_is_a_hint(api, villager, worker, post_files):
    content = samples.encode(samples.photo(300, 200, seed=13), "JPEG",
                             exif=samples.camera_exif(date_taken="2021:03:01 09:00:00", gps=None))
    body = post_files(villager, [upload_file("scan.jpg", content)], date_text="summer 1947")
    item = wait_for_status(Item.objects.get(pk=body["items"][0]["id"]))
    assert (item.date_text, str(item.date_start)) == ("summer 1947", "1947-06-01")
    assert not item.audit_events.filter(action=AuditEvent.Action.EDITED).exists()
    api.force_authenticate(villager)
    hints = api.get(f"{ITEMS}{item.pk}/", HTTP_ACCEPT_LANGUAGE="cy").json()["hints"]
    assert hints == [{"code": "date_taken", "date": "2021-03-01",
                      "message": "Cofnododd y camera i'r llun hwn gael ei dynnu ar 2021-03-01."}]


def test_a_duplicate_is_stored_once_and_the_contributor_told_where_it_is(api, villager, make_user, worker,
                                                                         post_files):
    content = samples.encode(samples.photo(500, 400, seed=14), "JPEG")
    first = uploaded(post_files(villager, [upload_file("a.jpg", content)]))
    assert first.status == "ready"
    neighbour = make_user("neighbour")
    again = post_files(neighbour, [upload_file("copy of a.jpg", content)])
    second = wait_for_status(Item.objects.get(pk=again["items"][0]["id"]))
    assert second.status == "failed" and second.status_reason == "duplicate"
    assert second.status_params == {"accession_number": first.accession_number, "item_id": first.pk}
    api.force_authenticate(neighbour)
    detail = api.get(f"{ITEMS}{second.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["status_reason"].startswith(f"This photo is already in the archive as {first.accession_number}.")
    welsh = api.get(f"{ITEMS}{second.pk}/", HTTP_ACCEPT_LANGUAGE="cy").json()["status_reason"]
    assert welsh.startswith(f"Mae'r llun hwn yn yr archif yn barod fel {first.accession_number}.")
    sha = first.assets.get().sha256
    assert files_under(f"originals/{sha[:2]}/{sha[2:4]}") == {sha}  # one copy of the bytes
    assert not second.assets.get().derivatives.exists()


def test_a_resized_recompressed_copy_is_ready_with_a_near_duplicate_hint(api, villager, worker, post_files):
    original = samples.photo(1600, 1200, seed=15)
    first = post_files(villager, [upload_file("orig.jpg", samples.encode(original, "JPEG", quality=92))])
    first = wait_for_status(Item.objects.get(pk=first["items"][0]["id"]))
    smaller = samples.encode(original.resize((800, 600), Image.Resampling.LANCZOS), "JPEG", quality=55)
    other = samples.encode(samples.photo(800, 600, seed=16), "JPEG")
    body = post_files(villager, [upload_file("whatsapp.jpg", smaller), upload_file("other.jpg", other)])
    copy, unrelated = (wait_for_status(Item.objects.get(pk=i["id"])) for i in body["items"])
    assert copy.status == unrelated.status == "ready"
    assert [s["item"] for s in copy.assets.get().similar_to] == [first.pk]
    assert unrelated.assets.get().similar_to == []
    api.force_authenticate(villager)
    hints = api.get(f"{ITEMS}{copy.pk}/").json()["hints"]
    assert hints[0]["code"] == "near_duplicate" and hints[0]["accession_number"] == first.accession_number
    assert hints[0]["message"] == f"This may already be in the archive as {first.accession_number}."


def test_a_multi_page_tiff_is_one_item_with_a_canvas_per_page(villager, worker, post_files):
    body = post_files(villager, [upload_file("letter.tif", samples.tiff_pages(3), "image/tiff")])
    item = wait_for_status(Item.objects.get(pk=body["items"][0]["id"]), timeout=90)
    assert item.status == "ready", item.status_reason
    pages = list(item.assets.order_by("position"))
    assert [(a.page, a.position, a.width, a.height) for a in pages] == [(n, n, 700, 500) for n in range(3)]
    assert len({a.sha256 for a in pages}) == 1 and len({a.phash for a in pages}) == 3
    for asset in pages:
        assert files_under(f"iiif/{asset.pk}") == set(tile_paths(700, 500))
        assert asset.derivatives.count() == 3
    sha = pages[0].sha256
    assert files_under(f"originals/{sha[:2]}/{sha[2:4]}") == {sha}
    assert item.audit_events.get(action="processed").detail["assets"] == 3


def web_pixel(item: Item, xy=(5, 5)):
    asset = item.assets.get()
    with Image.open(media(asset.derivatives.get(kind="web").path)) as web:
        return web.mode, web.getpixel(xy), web.size


def close(pixel, expected, tolerance=8):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected))


def test_phone_and_scanner_formats_are_shown_in_srgb(villager, worker, post_files):
    tagged = samples.encode(Image.new("RGB", (200, 100), (255, 0, 0)), "JPEG", quality=95,
                            icc_profile=samples.swapped_rgb_profile())
    transparent = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    files = {
        "heic": upload_file("IMG_0002.HEIC", samples.heic(), "image/heic"),
        "webp": upload_file("a.webp", samples.encode(samples.photo(300, 200, seed=17), "WEBP"), "image/webp"),
        "gif": upload_file("anim.gif", samples.gif_animated(), "image/gif"),
        "png": upload_file("clear.png", samples.encode(transparent, "PNG"), "image/png"),
        "cmyk": upload_file("print.jpg", samples.cmyk_jpeg()),
        "rgb16": upload_file("film.tif", samples.tiff_rgb16(), "image/tiff"),
        "gray16": upload_file("plate.tif", samples.tiff_gray16(), "image/tiff"),
        "icc": upload_file("tagged.jpg", tagged),
    }
    body = post_files(villager, list(files.values()))
    items = dict(zip(files, (wait_for_status(Item.objects.get(pk=i["id"])) for i in body["items"])))
    assert {k: v.status for k, v in items.items()} == dict.fromkeys(files, "ready")
    assert items["heic"].assets.get().media_type == "image/heic"
    assert web_pixel(items["heic"])[2] == (640, 480)
    assert close(web_pixel(items["gif"])[1], (220, 20, 20))  # the first frame
    assert web_pixel(items["png"])[1] == (255, 255, 255)  # transparency shown on white
    mode, (r, g, b), _ = web_pixel(items["cmyk"])
    assert mode == "RGB" and r > 200 and g < 60 and b < 60
    _, left, _ = web_pixel(items["rgb16"], (2, 100))
    _, right, _ = web_pixel(items["rgb16"], (297, 100))
    assert left[0] < 20 and right[0] > 235 and 50 < right[2] < 80  # 16-bit ramp kept, scaled to 8 bits
    mode, top, _ = web_pixel(items["gray16"], (100, 1))
    assert mode == "L" and top < 10 and web_pixel(items["gray16"], (100, 158))[1] > 245
    _, (r, g, b), _ = web_pixel(items["icc"])
    assert b > 200 and r < 60  # the profile says this "red" is blue: converted to sRGB it is blue


def test_batch_progress_is_visible_while_it_runs(api, villager, worker, post_files):
    files = [upload_file(f"{n}.jpg", samples.encode(samples.photo(2400, 1600, seed=30 + n), "JPEG"))
             for n in range(5)]
    body = post_files(villager, files)
    assert body["batch"]["progress"]["done"] is False
    seen = []
    api.force_authenticate(villager)
    for _ in range(600):
        progress = api.get(body["batch"]["url"]).json()["progress"]
        seen.append(progress["processed"])
        if progress["done"]:
            break
    assert progress == {"total": 5, "processed": 5, "ready": 5, "failed": 0, "withdrawn": 0, "done": True}
    assert seen == sorted(seen) and seen[0] < 5


def test_curators_see_failed_items_with_reasons_and_retry_them(api, villager, curator, worker, post_files):
    content = samples.encode(samples.photo(400, 300, seed=40), "JPEG")
    first = uploaded(post_files(villager, [upload_file("a.jpg", content)]))
    second = uploaded(post_files(villager, [upload_file("b.jpg", content)]))
    assert (first.status, second.status) == ("ready", "failed")

    api.force_authenticate(curator)
    failed = api.get(f"{ITEMS}?status=failed", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [(i["id"], i["status_reason_code"]) for i in failed] == [(second.pk, "duplicate")]
    assert first.accession_number in failed[0]["status_reason"]
    api.force_authenticate(villager)
    assert api.post(f"{ITEMS}{second.pk}/retry/").status_code == 403
    api.force_authenticate(curator)
    assert api.post(f"{ITEMS}{first.pk}/retry/").status_code == 400  # only failed items

    Item.objects.filter(pk=first.pk).delete()  # the curator removes the first copy; the second may now stay
    response = api.post(f"{ITEMS}{second.pk}/retry/")
    assert response.status_code == 202 and response.json()["status"] == "received"
    second = wait_for_status(second, ("ready",))
    assert second.assets.get().derivatives.count() == 3
    actions = list(second.audit_events.values_list("action", flat=True))
    assert actions == ["received", "approved", "processing", "failed", "retried", "processing", "processed"]
    assert api.get(f"{ITEMS}?status=failed").json()["results"] == []
    assert Asset.objects.filter(sha256=second.assets.get().sha256).count() == 1
