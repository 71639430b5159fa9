#!/usr/bin/env python3
"""IIIF benchmark (figures, not a test): ``make bench-iiif``.

1. Starts PostgreSQL and Redis (bin/services.py) and uses the database ``cofio_bench_iiif`` with
   production settings (kept database connections, Redis as the cache).
2. Makes an item with 5 canvases (2400 × 1800 pictures with real tile pyramids) and 50 voices
   (annotations), and times its manifest:
   - uncached: loading the item (one query per relation, compiled once) and building it with iiif-prezi3, then
     storing it in the cache — each round for a new host, so nothing is reused;
   - cached: the same call when the manifest is in the cache (a Redis GET);
   - through HTTP: a whole request to ``/iiif/items/<id>/manifest`` (middleware, the access
     check, the cache), served by Django's test client, and a conditional request (304).
   Targets: ≤ 20 ms uncached, ≤ 2 ms cached.
3. Makes a published story trail of 30 stops (30 items with tiled 2400 × 1800 pictures, every other stop a
   detail), and times its manifest the same way, side by side with the item's: uncached (reading the
   trail and which stops a visitor is shown, reading the stops and what the manifest shows beyond them,
   building and storing), cached (the trail and which stops a visitor is shown, which name the cached
   manifest, and a Redis GET), over HTTP and 304.
   Targets: ≤ 25 ms uncached, ≤ 2 ms cached. Then weighs the trail's player page ``/trails/<id>/``: the
   HTML and every same-origin stylesheet and script it loads (target ≤ 300 KB before image tiles).
4. Generates ``--items`` (100,000) public items (kept for the next run; ``--regenerate`` makes them
   again) and times the whole-archive collection and its pages (first, middle, last).

    bin/bench_iiif.py [--repeat 200] [--items 100000] [--regenerate]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bin"))
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
DATABASE = "cofio_bench_iiif"
RUN = f"{os.getpid()}-{int(time.time())}"  # this run's hosts, so no earlier run's cached answer is measured
FIGURES: dict[str, tuple[float, float]] = {}  # (median, p95) by name, for the side-by-side summary


def prepare_environment() -> None:
    """Start the services, create the database, migrate, set Django up (production settings)."""
    import psycopg
    import services

    services.ensure_system_packages()
    urls = services.up()
    with psycopg.connect(urls["DATABASE_URL"].replace("postgres://", "postgresql://"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f"CREATE DATABASE {DATABASE}")
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "bench-only-" + "x" * 40,
           "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost,.bench.local",
           "DATABASE_URL": urls["DATABASE_URL"].rsplit("/", 1)[0] + f"/{DATABASE}",
           "CACHE_URL": urls["CACHE_URL"].rsplit("/", 1)[0] + "/3", "CELERY_BROKER_URL": urls["CELERY_BROKER_URL"],
           "SEARCH_URL": "", "LOG_LEVEL": "WARNING", "COFIO_VAR_DIR": str(VAR / "bench-iiif"),
           "MEDIA_ROOT": str(VAR / "bench-iiif" / "media"), "SESSION_COOKIE_SECURE": "false"}
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=os.environ,
                   check=True)
    import django

    django.setup()


def timed(function, repeat: int) -> list[float]:
    """Milliseconds each of ``repeat`` calls took."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float], target: float | None = None) -> None:
    """Median, p95 and best, and whether the median meets the target."""
    ordered = sorted(times)
    FIGURES[name] = (statistics.median(times), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))])
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    verdict = "" if target is None else (f"   target ≤ {target:g} ms: " + ("met" if statistics.median(times) <= target
                                                                          else "NOT met"))
    print(f"  {name:<44} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   "
          f"best {ordered[0]:7.2f} ms{verdict}", flush=True)


def bench_item():
    """The item with 5 canvases and 50 voices (made once)."""
    from django.conf import settings

    from archive.models import Asset, Derivative, Description, Item, User
    from ingest.tiles import pyramid_write
    from PIL import Image

    user, _ = User.objects.get_or_create(username="bench", defaults={"display_name": "Bench Mark"})
    item = Item.objects.filter(accession_number="BENCH-5x50").first()
    if (item and item.moderation == "approved" and item.assets.count() == 5
            and item.descriptions.filter(moderation="approved").count() == 50):
        return item
    if item:
        item.delete()
    item = Item.objects.create(accession_number="BENCH-5x50", title_cy="Pum llun a hanner cant o leisiau",
                               title_en="Five pictures and fifty voices",
                               licence="http://creativecommons.org/licenses/by/4.0/", consent=True,
                               status=Item.Status.READY, moderation="approved", contributor=user,
                               date_text="1950au")
    for number in range(5):
        sha = f"{number:064x}"
        asset = Asset.objects.create(item=item, position=number, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}",
                                     original_filename=f"{number}.jpg", size_bytes=1, sha256=sha,
                                     media_type="image/jpeg", width=2400, height=1800)
        relative = f"iiif/{asset.pk}"
        picture = Image.new("RGB", (2400, 1800), (40 * number, 120, 160))
        pyramid_write(picture, Path(settings.MEDIA_ROOT) / relative, f"/media/{relative}")
        Derivative.objects.create(asset=asset, kind="tiles", path=relative, width=2400, height=1800)
        for kind, (w, h) in (("thumbnail", (400, 300)), ("web", (1600, 1200))):
            Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                      width=w, height=h)
    for number in range(50):
        Description.objects.create(item=item, kind="memory" if number % 3 else "caption", author=user,
                                   language="cy" if number % 2 else "en", moderation="approved",
                                   text=f"Atgof rhif {number}: roedd y côr yn canu tu allan i'r capel bob Sul, "
                                        f"a'r glowyr yn dod adre o'r shifft. Memory {number}.")
    return Item.objects.get(pk=item.pk)


def bench_manifest(repeat: int) -> None:
    from django.test import Client

    from archive.iiif.caching import manifest_cached
    from archive.iiif.links import Links
    from archive.iiif.presentation import manifest_json
    from archive.iiif.sources import item_for_manifest
    from archive.models import Item

    item = bench_item()
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"Manifest of an item with 5 canvases and 50 annotations (cache: {backend}):")
    links = Links("http://bench.local")
    body = manifest_json(item_for_manifest(item.pk), links)
    manifest = json.loads(body)
    canvases = len(manifest["items"])
    annotations = sum(len(page["items"]) for canvas in manifest["items"] for page in canvas.get("annotations", []))
    assert (canvases, annotations) == (5, 50), f"the bench item has {canvases} canvases, {annotations} annotations"
    print(f"  size {len(body.encode()) / 1024:.0f} KiB", flush=True)

    loaded = item_for_manifest(item.pk)
    report("build only (item already loaded)", timed(lambda: manifest_json(loaded, links), repeat))
    report("load the item (queries) only", timed(lambda: item_for_manifest(item.pk), repeat))
    hosts = (f"http://h{n}-{RUN}.bench.local" for n in range(10 ** 9))  # a new host each time: nothing is reused
    item = Item.objects.get(pk=item.pk)
    report("uncached: load + build + store", timed(
        lambda: manifest_cached(item.pk, item.updated_at, Links(next(hosts))), repeat), 20)
    manifest_cached(item.pk, item.updated_at, links)
    report("cached: from the cache", timed(lambda: manifest_cached(item.pk, item.updated_at, links), repeat), 2)

    client = Client()
    url = f"/iiif/items/{item.pk}/manifest"
    assert client.get(url, secure=True).status_code == 200
    report("HTTP GET (cached; access check included)", timed(lambda: client.get(url, secure=True), repeat))
    etag = client.get(url, secure=True)["ETag"]
    report("HTTP GET If-None-Match → 304",
           timed(lambda: client.get(url, secure=True, HTTP_IF_NONE_MATCH=etag), repeat))


TRAIL_STOPS = 30


def bench_trail_made():
    """The published 30-stop trail (made once, with its items and their tiles)."""
    from django.conf import settings

    from archive.models import Asset, Derivative, Item, Trail, User
    from archive.services.trails import stop_add, trail_create, trail_publish
    from ingest.tiles import pyramid_write
    from PIL import Image

    title = f"Bench trail of {TRAIL_STOPS} stops"
    trail = Trail.objects.filter(title_en=title, status=Trail.Status.PUBLISHED).first()
    if trail and trail.stops.count() == TRAIL_STOPS:
        return trail
    if trail:
        trail.delete()
    curator, _ = User.objects.get_or_create(username="bench-curator", defaults={"display_name": "Curadur Mainc",
                                                                               "role": "curator"})
    contributor, _ = User.objects.get_or_create(username="bench", defaults={"display_name": "Bench Mark"})
    print(f"Making a trail of {TRAIL_STOPS} stops …", flush=True)
    items = []
    for number in range(TRAIL_STOPS):
        item = Item.objects.create(accession_number=f"BENCH-TRAIL-{number:02d}", title_cy=f"Arhosfan y fainc {number}",
                                   title_en=f"Bench stop {number}", consent=True, status=Item.Status.READY,
                                   licence="http://creativecommons.org/licenses/by/4.0/", moderation="approved",
                                   contributor=contributor)
        sha = f"{item.pk:032x}{number:032x}"
        asset = Asset.objects.create(item=item, position=0, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}",
                                     original_filename=f"{number}.jpg", size_bytes=1, sha256=sha,
                                     media_type="image/jpeg", width=2400, height=1800)
        relative = f"iiif/{asset.pk}"
        pyramid_write(Image.new("RGB", (2400, 1800), (8 * number, 100, 160)), Path(settings.MEDIA_ROOT) / relative,
                      f"/media/{relative}")
        Derivative.objects.create(asset=asset, kind="tiles", path=relative, width=2400, height=1800)
        for kind, (w, h) in (("thumbnail", (400, 300)), ("web", (1600, 1200))):
            Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                      width=w, height=h)
        items.append(item)
    trail = trail_create(curator, title={"cy": f"Llwybr mainc o {TRAIL_STOPS} arhosfan", "en": title},
                         introduction={"cy": "Taith o gwmpas y pentref.", "en": "A walk round the village."})
    for number, item in enumerate(items):
        region = [str(100 + 13 * number), "200", "400", "300"] if number % 2 else None
        stop_add(trail, curator, item=item, region=region, lat=51.7 + number / 1000, lon=-3.3,
                 narrative={"cy": f"Arhosfan {number}: roedd y côr yn canu tu allan i'r capel bob Sul.",
                            "en": f"Stop {number}: the choir sang outside the chapel every Sunday."})
    return trail_publish(trail, curator)


def bench_trail(repeat: int) -> None:
    from django.test import Client

    from archive.iiif.caching import trail_manifest_cached, trail_manifest_version
    from archive.iiif.links import Links
    from archive.iiif.trails import stops_shown_for, trail_for_manifest, trail_manifest_json
    from archive.models import Trail
    from archive.trail_selectors import trail_stops_for

    made = bench_trail_made()
    print(f"Manifest of a story trail of {TRAIL_STOPS} stops (every other one a detail):")
    links = Links("http://bench.local")

    def serve(links):
        """What the view does once access is decided: the visitor's view of the stops, then the manifest."""
        trail = Trail.objects.get(pk=made.pk)
        version = trail_manifest_version(trail.pk, trail.updated_at, stops_shown_for(None, trail).key, links)
        return trail_manifest_cached(trail, None, links, version)

    body = serve(links)
    manifest = json.loads(body)
    assert len(manifest["items"]) == TRAIL_STOPS and len(manifest["structures"][0]["items"]) == TRAIL_STOPS
    print(f"  size {len(body) / 1024:.0f} KiB", flush=True)
    trail = Trail.objects.get(pk=made.pk)
    stops = trail_stops_for(None, trail)
    source = trail_for_manifest(trail, stops)
    report("trail: build only (already read)", timed(lambda: trail_manifest_json(source, links), repeat))
    report("trail: which stops a visitor is shown (the key)", timed(lambda: stops_shown_for(None, trail), repeat))
    report("trail: read the stops (trail_stops_for)", timed(lambda: trail_stops_for(None, trail), repeat))
    report("trail: read the rest (authors, pictures, credits)", timed(lambda: trail_for_manifest(trail, stops),
                                                                        repeat))
    hosts = (f"http://t{n}-{RUN}.bench.local" for n in range(10 ** 9))
    report("trail uncached: read + build + store", timed(lambda: serve(Links(next(hosts))), repeat), 25)
    report("trail cached: the key + from the cache", timed(lambda: serve(links), repeat), 2)

    client = Client()
    url = f"/iiif/trails/{made.pk}/manifest"
    assert client.get(url, secure=True).status_code == 200
    report("trail: HTTP GET (cached; access check included)", timed(lambda: client.get(url, secure=True), repeat))
    etag = client.get(url, secure=True)["ETag"]
    report("trail: HTTP GET If-None-Match → 304",
           timed(lambda: client.get(url, secure=True, HTTP_IF_NONE_MATCH=etag), repeat))

    print("Side by side (median / p95, ms):")
    for what, item_name, trail_name, target in (
            ("uncached", "uncached: load + build + store", "trail uncached: read + build + store", "20 / 25"),
            ("cached", "cached: from the cache", "trail cached: the key + from the cache", "2 / 2"),
            ("HTTP GET", "HTTP GET (cached; access check included)", "trail: HTTP GET (cached; access check included)",
             "")):
        item, trail_figure = FIGURES.get(item_name), FIGURES.get(trail_name)
        if item and trail_figure:
            print(f"  {what:<10} item (5 canvases, 50 annotations) {item[0]:6.2f} / {item[1]:6.2f}   "
                  f"trail ({TRAIL_STOPS} stops) {trail_figure[0]:6.2f} / {trail_figure[1]:6.2f}"
                  + (f"   targets item / trail {target} ms" if target else ""), flush=True)
    player_weight(client, made.pk)


def _references(html: str) -> list[str]:
    """The stylesheets and scripts a page loads (link rel=stylesheet/modulepreload/preload, script src)."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            rel = (attrs.get("rel") or "").lower().split()
            if tag == "script" and attrs.get("src"):
                found.append(attrs["src"])
            elif tag == "link" and attrs.get("href") and {"stylesheet", "modulepreload", "preload", "icon"} & set(rel):
                found.append(attrs["href"])

    Parser().feed(html)
    return found


def _same_origin_bytes(client, url: str) -> bytes | None:
    """The bytes of a same-origin URL: through the application, else (static files in production are served by
    nginx or WhiteNoise from collectstatic's folder) the file the static finders would collect."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = urlsplit(url).path
    response = client.get(path, secure=True)
    if response.status_code == 200:
        return b"".join(response.streaming_content) if response.streaming else response.content
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL):])
        if found:
            return Path(found).read_bytes()
    return None


def player_weight(client, trail_id: int) -> None:
    """The trail player page and every same-origin stylesheet and script it loads (and what those load)."""
    import gzip
    import re
    from urllib.parse import urljoin, urlsplit

    page = f"/trails/{trail_id}/"
    response = client.get(page, secure=True)
    print(f"Player page {page} (HTML, stylesheets, scripts; image tiles not counted):")
    if response.status_code != 200:
        print(f"  {page} answered {response.status_code}: no figure (the player page is not there yet)", flush=True)
        return
    base = f"https://testserver{page}"
    html = response.content
    queue = [urljoin(base, ref) for ref in _references(html.decode())]
    seen, rows = set(), [("page HTML", html)]
    while queue:
        url = queue.pop(0)
        if urlsplit(url).netloc != "testserver" or url in seen:
            continue
        seen.add(url)
        body = _same_origin_bytes(client, url)
        if body is None:
            rows.append((f"{urlsplit(url).path} (not found)", b""))
            continue
        rows.append((urlsplit(url).path, body))
        text = body.decode("utf-8", "replace")
        if url.endswith(".css"):  # @import of other stylesheets
            queue += [urljoin(url, m) for m in re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", text)]
        elif url.endswith((".js", ".mjs")):  # static ES module imports
            queue += [urljoin(url, m) for m in re.findall(r"(?:import|from)\s*[\"'](\.{1,2}/[^\"']+)[\"']", text)]
    total = sum(len(body) for _, body in rows)
    compressed = sum(len(gzip.compress(body)) for _, body in rows)
    for name, body in rows:
        print(f"  {name:<60} {len(body) / 1024:8.1f} KB", flush=True)
    verdict = "met" if total <= 300 * 1024 else "NOT met"
    print(f"  total {total / 1024:.1f} KB ({compressed / 1024:.1f} KB gzipped) in {len(rows)} files"
          f"   target ≤ 300 KB: {verdict}", flush=True)


def generate_items(count: int, regenerate: bool) -> None:
    """``count`` public, ready items with a thumbnail each (bulk: no signals)."""
    from django.db import transaction

    from archive.models import Asset, Derivative, Item, User

    existing = Item.objects.filter(accession_number__startswith="GEN-").count()
    if existing == count and not regenerate:
        print(f"Using the {count:,} generated items already there.", flush=True)
        return
    print(f"Generating {count:,} items …", flush=True)
    started = time.monotonic()
    Item.objects.filter(accession_number__startswith="GEN-").delete()
    user, _ = User.objects.get_or_create(username="bench", defaults={"display_name": "Bench Mark"})
    chunk = 5000
    for start in range(0, count, chunk):
        with transaction.atomic():
            items = Item.objects.bulk_create([
                Item(accession_number=f"GEN-{n:07d}", title_cy=f"Llun rhif {n}", title_en=f"Picture number {n}",
                     licence="http://creativecommons.org/licenses/by/4.0/", consent=True, contributor=user,
                     status=Item.Status.READY, moderation="approved", visibility=Item.Visibility.PUBLIC)
                for n in range(start, min(count, start + chunk))])
            assets = Asset.objects.bulk_create([
                Asset(item=item, original=f"originals/gen/{item.pk}", original_filename="gen.jpg", size_bytes=1,
                      sha256=f"{item.pk:064x}", media_type="image/jpeg", width=1200, height=900) for item in items])
            Derivative.objects.bulk_create([
                Derivative(asset=asset, kind="thumbnail", path=f"derivatives/{asset.item_id}/{asset.pk}/thumbnail.jpg",
                           width=400, height=300) for asset in assets])
    print(f"  {count:,} items in {time.monotonic() - started:.0f} s", flush=True)


def bench_collections(count: int, repeat: int) -> None:
    from django.test import Client

    from archive.iiif import collections
    from archive.models import Item

    total = Item.objects.filter(status="ready", visibility="public").count()
    pages = -(-total // collections.PAGE_SIZE)
    print(f"Collections of the whole archive: {total:,} public items, {pages} pages of {collections.PAGE_SIZE}:")
    client = Client()
    hosts = (f"h{n}-{RUN}.bench.local" for n in range(10 ** 9))
    rounds = max(5, repeat // 10)
    for name, url in (("whole archive (lists the pages)", "/iiif/collection"), ("page 1", "/iiif/collection/1"),
                      (f"page {pages // 2}", f"/iiif/collection/{pages // 2}"),
                      (f"page {pages} (last)", f"/iiif/collection/{pages}")):
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        size = f"{len(response.content) / 1024:.0f} KiB"
        report(f"{name}, {size}: uncached", timed(lambda: client.get(url, secure=True, HTTP_HOST=next(hosts)), rounds))
        report(f"{name}, {size}: cached", timed(lambda: client.get(url, secure=True), rounds))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    prepare_environment()
    bench_manifest(args.repeat)
    bench_trail(args.repeat)
    if args.items:
        generate_items(args.items, args.regenerate)
        bench_collections(args.items, args.repeat)


if __name__ == "__main__":
    main()
