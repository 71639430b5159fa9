"""A corpus of bad inputs, generated here, through the API and a real worker: each ends in the right state
with a clear reason, and the worker survives with its memory bounded."""
import threading
import time

import psutil
from django.core.files.base import ContentFile
from django.test import override_settings

from archive.models import Item
from archive.reasons import reason_text
from archive.services import Contribution, item_create
from tests.conftest import wait_for_status
from tests.ingest import samples
from tests.ingest.conftest import CC_BY, ITEMS, leftovers, upload_file

MEMORY_BOUND = 400 * 1024 * 1024  # generous: a pool process peaks near 140 MiB on this corpus

# name, bytes, expected status, expected reason code, expected kind (for not_an_image), words in the English reason
CORPUS = [
    ("truncated.jpg", samples.truncated_jpeg, "failed", "damaged", None, "damaged or incomplete"),
    ("bomb.png", samples.png_bomb, "failed", "too_large", None, "400 megapixels"),
    ("bomb.gif", samples.gif_bomb, "failed", "too_large", None, "megapixels"),
    ("notes.jpg", samples.text_note, "failed", "not_an_image", "text", "a text file"),
    ("page.jpg", samples.html_page, "failed", "not_an_image", "html", "a web page"),
    ("drawing.jpg", samples.svg_with_script, "failed", "not_an_image", "svg", "an SVG drawing"),
    ("letter.jpg", samples.pdf, "failed", "not_an_image", "pdf", "it looks like a PDF document"),
    ("photos.jpg", samples.zip_archive, "failed", "not_an_image", "zip", "a zip archive"),
    ("polyglot.jpg", samples.jpeg_zip_polyglot, "failed", "hidden_content", "zip", "hidden inside it"),
    ("exif.jpg", samples.jpeg_with_huge_exif, "failed", "metadata_too_large", None, "10.5 MB"),
    ("thin.png", samples.thin_png, "failed", "bad_dimensions", None, "1 × 100000 pixels"),
    ("print.jpg", samples.cmyk_jpeg, "ready", "", None, None),
    ("film.tif", samples.tiff_rgb16, "ready", "", None, None),
    ("IMG_0003.HEIC", samples.heic, "ready", "", None, None),
]


class MemoryWatch(threading.Thread):
    """Samples the resident memory of the worker's processes until stopped; keeps the peak of each."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root, self.peaks, self.halt = psutil.Process(pid), {}, threading.Event()

    def run(self):
        while not self.halt.is_set():
            for process in [self.root, *self.root.children(recursive=True)]:
                try:
                    rss = process.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
            time.sleep(0.02)

    def stop(self) -> dict:
        self.halt.set()
        self.join()
        return self.peaks


@override_settings(COFIO_MAX_UPLOAD_BYTES=20 * 1024 * 1024, COFIO_MAX_UPLOAD_FILES=20)
def test_bad_inputs_end_with_clear_reasons_and_the_worker_survives(api, villager, worker):
    pid = worker.process.pid
    pool_before = {p.pid for p in psutil.Process(pid).children(recursive=True)}
    watch = MemoryWatch(pid)
    watch.start()
    api.force_authenticate(villager)
    files = [upload_file(name, make()) for name, make, *_ in CORPUS]
    response = api.post(ITEMS, {"licence": CC_BY, "consent": "true", "files": files}, format="multipart")
    assert response.status_code == 202, response.content
    items = [Item.objects.get(pk=new["id"]) for new in response.json()["items"]]
    outcomes = {}
    for (name, _, status, code, kind, words), item in zip(CORPUS, items):
        item = wait_for_status(item, timeout=90)
        outcomes[name] = (item.status, item.status_reason)
        if status == "failed":
            message = reason_text(item.status_reason, item.status_params, "en")
            assert words in message, (name, message)
            if kind:
                assert item.status_params.get("kind") == kind, name
            assert not item.assets.get().derivatives.exists(), name
    assert outcomes == {name: (status, code) for name, _, status, code, *_ in CORPUS}
    peaks = watch.stop()
    print("worker RSS peaks (MiB):", {p: round(rss / 2**20) for p, rss in peaks.items()})

    # The same worker, alive, its pool process never replaced, and its memory bounded throughout.
    assert worker.alive and worker.process.pid == pid
    assert {p.pid for p in psutil.Process(pid).children(recursive=True)} == pool_before
    assert max(peaks.values()) < MEMORY_BOUND, {p: f"{rss / 2**20:.0f} MiB" for p, rss in peaks.items()}
    assert leftovers() == []
    # …and it goes on with the next file.
    response = api.post(ITEMS, {"licence": CC_BY, "consent": "true",
                                "files": [upload_file("fine.jpg", samples.encode(samples.photo(300, 200)))]},
                        format="multipart")
    assert wait_for_status(Item.objects.get(pk=response.json()["items"][0]["id"])).status == "ready"


def test_an_empty_file_is_refused_at_upload_and_by_the_worker(api, villager, worker):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {"licence": CC_BY, "consent": "true", "files": [upload_file("empty.jpg", b"")]},
                        format="multipart")
    assert response.status_code == 400 and "empty" in str(response.json()["files"]).lower()
    # A file that arrives some other way (an import, the admin) is refused by the worker itself.
    item = item_create(contributor=villager, upload=ContentFile(b"", name="empty.jpg"),
                       contribution=Contribution(licence=CC_BY, consent=True))
    item = wait_for_status(item)
    assert (item.status, item.status_reason) == ("failed", "empty")
    assert reason_text("empty", {}, "cy").startswith("Mae'r ffeil hon yn wag")
