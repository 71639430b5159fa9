"""A story trail as a IIIF Presentation 3 manifest: valid against the official JSON Schema, a canvas per stop
through the Image API, the narrative on ``#xywh=`` for a detail, a Range giving the order and the stops'
titles in Welsh and English, placeholders with nothing of a hidden item (in the same request), drafts hidden,
ETag/304, and Mirador 4 opening it in a real browser."""
import functools
import json
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from archive.services.trails import (
    stop_add, stop_update, stops_reorder, trail_author_invite, trail_create, trail_publish,
)

from .conftest import PRESENTATION_TYPE, assert_valid, get_json
from .mirador import mirador_script

pytestmark = pytest.mark.django_db
REGION = ["600", "100", "300", "200"]


def _url(trail) -> str:
    return reverse("iiif:trail-manifest", args=[trail.pk])


def _walk(make_item, curator, publish=True):
    chapel = make_item(pictures=[(2400, 1800)], title_en="The chapel", title_cy="Y capel")
    pit = make_item(pictures=[(1200, 800)], title_en="The pit head", title_cy="Pen y pwll")
    school = make_item(pictures=[(1000, 700)], title_en="The school")
    trail = trail_create(curator, title={"cy": "Taith y capel", "en": "The chapel walk"},
                         introduction={"en": "A walk round the village."})
    stop_add(trail, curator, item=chapel, region=REGION,
             narrative={"cy": "Edrychwch ar y drws.", "en": "Look at the door."})
    stop_add(trail, curator, item=pit, narrative={"en": "The winding gear."}, lat=51.75, lon=-3.27)
    stop_add(trail, curator, item=school, narrative={"cy": "Yr ysgol."})
    if publish:
        trail = trail_publish(trail, curator)
    return trail, (chapel, pit, school)


@pytest.fixture
def walk(make_item, curator):
    """A published three-stop trail: a detail of the chapel, the pit head (with a place), the school."""
    return _walk(make_item, curator)


def _narratives(canvas) -> list[dict]:
    return [a for page in canvas.get("annotations", []) for a in page["items"]]


def test_a_trail_is_a_valid_manifest_with_a_canvas_per_stop(client, walk, presentation_schema):
    trail, (chapel, pit, school) = walk
    response = get_json(client, _url(trail))
    manifest = response.data
    assert_valid(presentation_schema, manifest)
    assert response["Content-Type"] == PRESENTATION_TYPE and response["Access-Control-Allow-Origin"] == "*"
    assert manifest["id"] == f"http://testserver{_url(trail)}"
    assert manifest["label"] == {"cy": ["Taith y capel"], "en": ["The chapel walk"]}
    assert manifest["summary"] == {"en": ["A walk round the village."]}  # only the languages written
    assert manifest["homepage"][0]["id"] == f"http://testserver/trails/{trail.pk}/"
    assert manifest["provider"][0]["id"] == "http://testserver/"
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert "Megan Evans" in manifest["requiredStatement"]["value"]["en"][0]  # who shared the pictures
    detail, whole, last = manifest["items"]

    # A stop with a region: the picture through the Image API, sized as the picture, the narrative on the region.
    asset = chapel.assets.get()
    service = f"http://testserver/iiif/3/{asset.pk}"
    assert (detail["width"], detail["height"]) == (2400, 1800)
    body = detail["items"][0]["items"][0]["body"]
    assert body["service"][0]["id"] == service and body["id"].startswith(service + "/")
    notes = _narratives(detail)
    assert {(n["body"]["language"], n["body"]["value"]) for n in notes} == {("cy", "Edrychwch ar y drws."),
                                                                            ("en", "Look at the door.")}
    assert {n["target"] for n in notes} == {f"{detail['id']}#xywh=600,100,300,200"}
    assert detail["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert detail["homepage"][0]["id"] == f"http://testserver/items/{chapel.pk}/"
    # Its thumbnail is the stored image holding the region, and the level-0 service answers it.
    thumbnail = detail["thumbnail"][0]["id"]
    assert thumbnail == f"{service}/512,0,512,512/512,512/0/default.jpg"
    tile = client.get(thumbnail.removeprefix("http://testserver"))
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"

    # A stop without a region: the narrative on the whole canvas; its place.
    assert [n["target"] for n in _narratives(whole)] == [whole["id"]]
    assert (whole["width"], whole["height"]) == (1200, 800)
    assert whole["navPlace"]["features"][0]["geometry"]["coordinates"] == [-3.27, 51.75]
    assert last["label"] == {"cy": ["Arhosfan 3: The school"], "en": ["Stop 3: The school"]}


def test_a_draft_with_a_regionless_stop_is_valid_too(client, make_item, curator, presentation_schema):
    trail = trail_create(curator, title={"en": "Draft walk"})
    stop_add(trail, curator, item=make_item(), narrative={"en": "Here."})
    client.force_login(curator)
    manifest = get_json(client, _url(trail)).data
    assert_valid(presentation_schema, manifest)
    assert manifest["label"] == {"en": ["Draft walk"]} and "summary" not in manifest


def test_the_range_gives_the_stops_order_and_titles_in_both_languages(client, walk, curator):
    trail, (chapel, pit, school) = walk
    first, second, third = trail.stops.order_by("position")
    stops_reorder(trail, curator, [third.pk, first.pk, second.pk])
    manifest = get_json(client, _url(trail)).data
    (stops,) = manifest["structures"]
    assert stops["type"] == "Range" and stops["label"]["en"] == ["The trail's stops"]
    assert [r["label"] for r in stops["items"]] == [
        {"cy": ["Arhosfan 1: The school"], "en": ["Stop 1: The school"]},
        {"cy": ["Arhosfan 2: Y capel"], "en": ["Stop 2: The chapel"]},
        {"cy": ["Arhosfan 3: Pen y pwll"], "en": ["Stop 3: The pit head"]},
    ]
    assert [r["items"] for r in stops["items"]] == [[{"id": c["id"], "type": "Canvas"}] for c in manifest["items"]]
    assert [c["label"] for c in manifest["items"]] == [r["label"] for r in stops["items"]]


def test_a_draft_is_a_404_but_to_its_authors_and_curators(client, make_item, make_user, curator):
    trail, _ = _walk(make_item, curator, publish=False)
    author, other = make_user("gwen", display_name="Gwen Morgan"), make_user("dai")
    trail_author_invite(trail, curator, author)
    refused = get_json(client, _url(trail), status=404)
    assert refused.data["status"] == 404 and refused["Access-Control-Allow-Origin"] == "*"
    client.force_login(other)
    get_json(client, _url(trail), status=404)
    token = Token.objects.create(user=author).key
    client.logout()
    shown = get_json(client, _url(trail), HTTP_AUTHORIZATION=f"Token {token}")  # as a viewer or harvester would
    assert shown["Cache-Control"] == "private, no-cache"
    assert "Gwen Morgan" in shown.data["requiredStatement"]["value"]["en"][0]
    client.force_login(curator)
    get_json(client, _url(trail))


def _as(api, user):
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return api


def test_a_withdrawn_item_is_a_placeholder_in_the_same_request(client, api, walk, villager, presentation_schema):
    trail, (chapel, pit, school) = walk
    before = get_json(client, _url(trail))  # built and cached
    assert "The pit head" in before.content.decode()
    assert _as(api, villager).post(f"/api/v1/items/{pit.pk}/withdraw/").status_code == 200
    after = get_json(client, _url(trail))
    assert after["ETag"] != before["ETag"]
    manifest, text = after.data, after.content.decode()
    assert_valid(presentation_schema, manifest)
    for trace in ("The pit head", "Pen y pwll", f"/iiif/3/{pit.assets.get().pk}", f"/items/{pit.pk}/",
                  pit.accession_number):
        assert trace not in text, trace
    placeholder = manifest["items"][1]
    assert placeholder["label"] == {"cy": ["Arhosfan 2"], "en": ["Stop 2"]}
    assert placeholder["items"] == [] and "thumbnail" not in placeholder and "rights" not in placeholder
    assert "no longer shown" in placeholder["summary"]["en"][0]
    assert [n["body"]["value"] for n in _narratives(placeholder)] == ["The winding gear."]  # its words stay
    assert manifest["structures"][0]["items"][1]["label"] == {"cy": ["Arhosfan 2"], "en": ["Stop 2"]}


def test_each_reader_gets_the_stops_they_may_see(client, api, walk, villager):
    trail, (chapel, pit, school) = walk
    visitor = get_json(client, _url(trail))
    assert _as(api, villager).patch(f"/api/v1/items/{school.pk}/", {"visibility": "private"},
                                    format="json").status_code == 200
    hidden = get_json(client, _url(trail))
    assert "The school" not in hidden.content.decode() and hidden["ETag"] != visitor["ETag"]
    client.force_login(villager)  # its contributor still sees it: a manifest of their own, kept privately
    own = get_json(client, _url(trail))
    assert own.data["items"][2]["label"]["en"] == ["Stop 3: The school"]
    assert own["ETag"] != hidden["ETag"] and own["Cache-Control"] == "private, no-cache"


def test_etag_answers_304_until_the_trail_or_its_authors_change(client, walk, curator):
    trail, _ = walk
    first = get_json(client, _url(trail))
    assert first["ETag"].startswith('"t') and first["Cache-Control"] == "public, no-cache"
    same = client.get(_url(trail), HTTP_IF_NONE_MATCH=first["ETag"])
    assert same.status_code == 304 and same.content == b"" and same["Access-Control-Allow-Origin"] == "*"
    stop_update(trail.stops.order_by("position").first(), curator, narrative={"en": "Look at the new door."})
    changed = client.get(_url(trail), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Look at the new door." in changed.content.decode()
    curator.display_name = "Mair Pritchard"
    curator.save()
    renamed = client.get(_url(trail), HTTP_IF_NONE_MATCH=changed["ETag"])
    assert renamed.status_code == 200 and "A story trail by Mair Pritchard." in renamed.content.decode()


def test_a_cached_manifest_is_found_without_reading_the_stops_again(client, walk, make_user):
    trail, _ = walk
    member = make_user("gwen")
    for reader in (None, member):
        if reader:
            client.force_login(reader)
        get_json(client, _url(trail))  # built and cached for this reader's view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(trail)).status_code == 200
        tables = " ".join(q["sql"] for q in queries.captured_queries)
        assert "archive_derivative" not in tables and "archive_asset" not in tables, tables
        # The trail, then which stops the reader is shown: one column for a visitor, the access rule's for a
        # member (after their session and account).
        assert len(queries.captured_queries) == (2 if reader is None else 4), tables
        assert ("archive_item" in tables) == (reader is not None), tables


# --- Mirador 4 ------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
VIEWER = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mirador</title></head><body>
<div id="viewer" style="position:absolute;inset:0"></div><script src="mirador.min.js"></script><script>
Mirador.viewer({id: "viewer", windows: [{manifestId: MANIFEST}],
                window: {sideBarOpen: true, defaultSideBarPanel: "canvas"}});
</script></body></html>"""


@pytest.mark.integration
def test_mirador_opens_the_trail(make_item, transactional_db, live_server, curator):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    trail, (chapel, _, _) = _walk(make_item, curator)
    manifest = f"{live_server.url}{_url(trail)}"
    service = f"{live_server.url}/iiif/3/{chapel.assets.get().pk}/"
    # Mirador on a site of its own (another origin on this machine): the manifest and tiles come over CORS.
    folder = Path(tempfile.mkdtemp())
    shutil.copy(mirador_script(), folder / "mirador.min.js")
    (folder / "index.html").write_text(VIEWER.replace("MANIFEST", json.dumps(manifest)))
    site = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=site.serve_forever, daemon=True).start()

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                requested, problems = [], []
                page.on("request", lambda r: requested.append(r.url))
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.goto(f"http://127.0.0.1:{site.server_address[1]}/index.html")
                page.get_by_text("Stop 3: The school").wait_for(timeout=30_000)  # the Range, as a table of contents
                page.wait_for_function("(prefix) => performance.getEntriesByType('resource').some("
                                       "e => e.name.startsWith(prefix) && e.name.endsWith('/0/default.jpg'))",
                                       arg=service, timeout=30_000)
                text = page.inner_text("body")
            finally:
                browser.close()
    finally:
        site.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    assert manifest in requested and f"{service}info.json" in requested
    assert "The chapel walk" in text and "1 of 3 • Stop 1: The chapel" in text
    assert "Stop 1: The chapel" in text and "Stop 2: The pit head" in text
    assert not problems and "An error occurred" not in text, (problems, text[:500])


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
