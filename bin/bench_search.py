#!/usr/bin/env python3
"""Search benchmark (figures, not a test): ``make bench-search``.

1. Starts PostgreSQL (bin/services.py) and a search node of its own (OpenSearch, port 9264,
   ``var/search-bench``), and generates ``--items`` (100,000) items in the database
   ``cofio_bench``: Welsh and English captions and memories, places with variants and
   coordinates, people, subjects, collections, dates from the 1880s to the 2000s, licences,
   media types, and a few members-only, private, withdrawn, failed, unmoderated and rejected items
   (and voices waiting for a curator, living people not named, subjects with aliases), and the search outbox
   of an archive that has run for a while (a row for every item: every search asks it). The data is kept
   for the next run (``--regenerate`` makes it again).
2. Indexes them all (a full rebuild): the bulk indexing rate.
3. Serves the API with gunicorn (production settings) and sends ``--queries`` (300) mixed faceted searches through
   HTTP (``GET /api/v1/search/``), and the same request bodies straight to the engine through
   its client, alternately, after a warm-up: p50 and p95 of each, and their ratio.
4. Rebuilds the index again while nothing else runs: the full reindex time.

    bin/bench_search.py [--items 100000] [--queries 300] [--regenerate] [--heap 1g] [--keep-node]

The generated database is kept for the next run; the search node is stopped unless --keep-node.
"""
import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bin"))
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
DATABASE = "cofio_bench"
SEARCH_PORT, WEB_PORT = 9264, 8764


def prepare_environment(heap: str) -> dict:
    """Start the services and the node; create the database; return the environment for Django."""
    import psycopg
    import searchnode
    import services

    services.ensure_system_packages()
    urls = services.up()
    with psycopg.connect(urls["DATABASE_URL"].replace("postgres://", "postgresql://"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f"CREATE DATABASE {DATABASE}")
    print(f"Starting the search node on port {SEARCH_PORT} (heap {heap}) …", flush=True)
    search_url = searchnode.ensure_started(SEARCH_PORT, str(VAR / "search-bench"), heap)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",  # as deployed: kept DB connections
           "SECRET_KEY": "bench-only-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "DATABASE_URL": urls["DATABASE_URL"].rsplit("/", 1)[0] + f"/{DATABASE}",
           "CACHE_URL": urls["CACHE_URL"], "CELERY_BROKER_URL": urls["CELERY_BROKER_URL"],
           "SEARCH_URL": search_url, "SEARCH_ENGINE": "opensearch", "SEARCH_INDEX_PREFIX": "cofio-bench",
           "LOG_LEVEL": "WARNING", "COFIO_VAR_DIR": str(VAR / "bench-search")}
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    return env


# --- generated archive ---------------------------------------------------------------------

FIRST = ["Dai", "Megan", "Gwilym", "Nansi", "Idris", "Olwen", "Tomos", "Ceridwen", "Rhys", "Elinor", "Emrys",
         "Gwen", "Huw", "Mair", "Ifor", "Bethan", "Islwyn", "Glenys", "Aneurin", "Mererid", "John", "Mary",
         "William", "Margaret", "Evan", "Catherine", "Owen", "Sarah", "Dafydd", "Siân"]
LAST = ["Evans", "Jones", "Davies", "Williams", "Thomas", "Lewis", "Price", "Morgan", "Rees", "Hughes",
        "Roberts", "Griffiths", "Powell", "Jenkins", "Pritchard", "Bevan", "Prosser", "Watkins", "Howells", "Rowlands"]
PLACES = [  # (Welsh, English, variants)
    ("Troedrhiwfuwch", "Troedrhiwfuwch", ["Troed-rhiw-fuwch", "Troedrhiw"]), ("Rhymni", "Rhymney", ["Rhumney"]),
    ("Tredegar", "Tredegar", []), ("Bargod", "Bargoed", []), ("Pontlotyn", "Pontlottyn", []),
    ("Abertyswg", "Abertysswg", ["Abertysswg"]), ("Deri", "Darran Valley", []), ("Fochriw", "Fochriw", []),
    ("Aberbargod", "Aberbargoed", []), ("Cefn Hengoed", "Cefn Hengoed", []), ("Gelligaer", "Gelligaer", ["Gellygaer"]),
    ("Ystrad Mynach", "Ystrad Mynach", []), ("Caerffili", "Caerphilly", ["Caerphili"]),
    ("Merthyr Tudful", "Merthyr Tydfil", ["Merthyr"]), ("Dowlais", "Dowlais", []),
    ("Bedlinog", "Bedlinog", []), ("Trelewis", "Trelewis", []), ("Nelson", "Nelson", []),
    ("Pengam", "Pengam", []), ("Fleur-de-lys", "Fleur-de-lis", ["Fleur de Lys"]), ("Cwm Rhymni", "Rhymney Valley", []),
    ("Glyn Ebwy", "Ebbw Vale", ["Ebbw"]), ("Brynmawr", "Brynmawr", []), ("Abertawe", "Swansea", []),
    ("Caerdydd", "Cardiff", []), ("Y Barri", "Barry Island", ["Barry"]), ("Porthcawl", "Porthcawl", []),
    ("Aberhonddu", "Brecon", []), ("Y Fenni", "Abergavenny", []), ("Casnewydd", "Newport", []),
]
SUBJECTS = [("glofa", "Glofa", "Colliery"), ("capel", "Capel", "Chapel"), ("cor", "Côr", "Choir"),
            ("ysgol", "Ysgol", "School"), ("cofeb-ryfel", "Cofeb ryfel", "War memorial"),
            ("rheilffordd", "Rheilffordd", "Railway"), ("teulu", "Teulu", "Family"), ("carnifal", "Carnifal", "Carnival"),
            ("eisteddfod", "Eisteddfod", "Eisteddfod"), ("rygbi", "Rygbi", "Rugby"), ("streic", "Streic", "Strike"),
            ("siop", "Siop", "Shop"), ("tafarn", "Tafarn", "Pub"), ("priodas", "Priodas", "Wedding"),
            ("band-pres", "Band pres", "Brass band"), ("fferm", "Fferm", "Farm"), ("eira", "Eira", "Snow"),
            ("trip-ysgol-sul", "Trip Ysgol Sul", "Sunday school trip"), ("ffair", "Ffair", "Fair"),
            ("gwaith-dur", "Gwaith dur", "Steelworks")]
ALIASES = {"glofa": ["Pwll glo", "Coal mine"], "capel": ["Tŷ cwrdd"], "band-pres": ["Seindorf"]}  # merged duplicates
SCENES = [  # (Welsh, English, subject slug)
    ("Côr y pentref y tu allan i Gapel {chapel}", "The village choir outside {chapel} Chapel", "cor"),
    ("Glowyr yn gadael y shifft ddydd ym mhwll {place}", "Miners leaving the day shift at {place} pit", "glofa"),
    ("Plant Ysgol {place} yn yr iard", "{place} School children in the yard", "ysgol"),
    ("Dadorchuddio cofeb ryfel {place}", "Unveiling the {place} war memorial", "cofeb-ryfel"),
    ("Trên olaf y cwm yn pasio {place}", "The valley's last train passing {place}", "rheilffordd"),
    ("Carnifal {place}, y band jazz", "{place} carnival, the jazz band", "carnifal"),
    ("Teulu {name} ar stepen y drws", "The {name} family on the doorstep", "teulu"),
    ("Eisteddfod y capel, {place}", "The chapel eisteddfod at {place}", "eisteddfod"),
    ("Tîm rygbi {place} ar ôl ennill y cwpan", "{place} rugby team after winning the cup", "rygbi"),
    ("Glowyr ar streic tu allan i'r lofa", "Miners on strike outside the colliery", "streic"),
    ("Siop {name} ar y stryd fawr", "{name}'s shop on the high street", "siop"),
    ("Priodas {name} yng Nghapel {chapel}", "The {name} wedding at {chapel} Chapel", "priodas"),
    ("Band pres {place} yn gorymdeithio", "{place} brass band marching", "band-pres"),
    ("Eira mawr ar y mynydd uwchben {place}", "Deep snow on the mountain above {place}", "eira"),
    ("Trip Ysgol Sul i'r Barri", "Sunday school trip to Barry Island", "trip-ysgol-sul"),
    ("Ffair haf {place}", "{place} summer fair", "ffair"),
]
CHAPELS = ["Bethel", "Seion", "Ebeneser", "Moriah", "Salem", "Carmel", "Hermon", "Bethesda", "Tabernacl", "Soar"]
MEMORIES = [("cy", "Dwi'n cofio'r diwrnod yna'n iawn; roedd hi'n bwrw glaw a phawb yn canu beth bynnag."),
            ("en", "My father is third from the left; he worked underground for forty years."),
            ("cy", "Roedd Mam-gu'n arfer dweud mai hwn oedd haf gorau ei bywyd."),
            ("en", "We used to slide down that bank on tin trays every winter."),
            ("cy", "Mae'r tŷ ar y dde wedi mynd erbyn hyn, fe'i dymchwelwyd yn y saithdegau."),
            ("en", "That's my aunty in the white dress, she sang in the choir until she was ninety."),
            ("cy", "Gweithiodd fy nhad-cu yn y lofa am hanner can mlynedd."),
            ("en", "The colliery closed the year after this was taken and half the street moved away.")]


def generate(count: int) -> None:
    """Fill the bench database with ``count`` items (and everything they refer to), in bulk."""
    from archive.licences import LICENCES
    from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Subject, User

    rng = random.Random(4)
    start = time.monotonic()
    # TRUNCATE, not delete(): deleting records a history row for every item and voice, one by one.
    from django.db import connection

    from archive.search.models import IndexState

    tables = [m._meta.db_table for m in (Item, Person, Place, Subject, Collection, Item.history.model,
                                         Description.history.model, IndexState)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(t) for t in tables)} CASCADE")
    User.objects.filter(username__startswith="bench-").delete()
    users = User.objects.bulk_create([User(username=f"bench-{n}", display_name=f"{rng.choice(FIRST)} "
                                           f"{rng.choice(LAST)}", password="!") for n in range(25)])
    places = Place.objects.bulk_create([
        Place(name_cy=cy, name_en=en, variants=variants, latitude=51.45 + rng.random() * 0.5,
              longitude=-3.6 + rng.random() * 0.7) for cy, en, variants in PLACES])
    people = Person.objects.bulk_create([  # a few living people, some not consenting to be named
        Person(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", variants=[f"{rng.choice(FIRST)} Bach"]
               if rng.random() < 0.2 else [], living=True if rng.random() < 0.1 else None,
               name_consent=rng.random() < 0.5) for _ in range(400)])
    subjects = {s.slug: s for s in Subject.objects.bulk_create(
        [Subject(slug=slug, label_cy=cy, label_en=en, aliases=ALIASES.get(slug, []))
         for slug, cy, en in SUBJECTS])}
    collections = Collection.objects.bulk_create([
        Collection(slug=f"casgliad-{n}", title_cy=f"Casgliad {name}", title_en=f"The {name} collection")
        for n, name in enumerate(["Evans", "Bethel", "y Lofa", "Ysgol", "Rygbi", "Côr", "Streic", "Teulu"])])
    licences = [lic.uri for lic in LICENCES[:8]] + [LICENCES[8].uri] * 4
    media = ["image/jpeg"] * 18 + ["image/tiff", "application/pdf"]
    done = 0
    while done < count:
        batch = min(5000, count - done)
        rows, texts = [], []
        for _ in range(batch):
            cy, en, slug = rng.choice(SCENES)
            place, person = rng.choice(places), rng.choice(people)
            fill = {"place": place.name_en, "chapel": rng.choice(CHAPELS), "name": person.name.split()[-1]}
            welsh = rng.random() < 0.5
            caption = (cy if welsh else en).format(**{**fill, "place": place.name_cy if welsh else place.name_en})
            year = rng.randint(1885, 2005)
            span = rng.choice([0, 0, 0, 1, 9])
            status = rng.choices(["ready", "withdrawn", "failed"], [96, 2, 2])[0]
            visibility = rng.choices(["public", "members", "private"], [92, 5, 3])[0]
            moderation = rng.choices(["approved", "pending", "rejected"], [98, 1, 1])[0]
            rows.append(Item(title_cy=caption if welsh else "", title_en="" if welsh else caption,
                             date_text=f"c. {year}" if span else str(year),
                             date_start=f"{year}-01-01", date_end=f"{year + span}-12-31", place=place,
                             licence=rng.choice(licences), consent=True, visibility=visibility, status=status,
                             moderation=moderation, contributor=rng.choice(users)))
            texts.append((caption, "cy" if welsh else "en", person, slug))
        items = Item.objects.bulk_create(rows)
        descriptions, item_people, item_subjects, item_collections, assets = [], [], [], [], []
        for item, (caption, language, person, slug) in zip(items, texts):
            item.accession_number = f"COF-{item.pk:06d}"
            descriptions.append(Description(item=item, text=caption, language=language, author=item.contributor,
                                            moderation="approved"))
            for lang, memory in rng.sample(MEMORIES, rng.choice([0, 1, 1, 2])):
                descriptions.append(Description(item=item, kind="memory", text=memory, language=lang,
                                                author=rng.choice(users),
                                                moderation=rng.choices(["approved", "pending"], [9, 1])[0]))
            for p in {person, *rng.sample(people, rng.choice([0, 1, 2]))}:
                item_people.append(Item.people.through(item_id=item.pk, person_id=p.pk))
            for s in {subjects[slug], *rng.sample(list(subjects.values()), rng.choice([0, 1]))}:
                item_subjects.append(Item.subjects.through(item_id=item.pk, subject_id=s.pk))
            if rng.random() < 0.3:
                item_collections.append(Item.collections.through(item_id=item.pk,
                                                                 collection_id=rng.choice(collections).pk))
            sha = f"{item.pk:064x}"
            assets.append(Asset(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", original_filename="x.jpg",
                                size_bytes=1, sha256=sha, media_type=rng.choice(media)))
        Item.objects.bulk_update(items, ["accession_number"])
        Description.objects.bulk_create(descriptions)
        Item.people.through.objects.bulk_create(item_people)
        Item.subjects.through.objects.bulk_create(item_subjects)
        Item.collections.through.objects.bulk_create(item_collections)
        assets = Asset.objects.bulk_create(assets)
        Derivative.objects.bulk_create([Derivative(asset=a, kind="thumbnail", path=f"derivatives/{a.item_id}/{a.pk}/"
                                                   "thumbnail.jpg") for a in assets])
        done += batch
        print(f"  generated {done:,} items", end="\r", flush=True)
    print(f"  generated {count:,} items in {time.monotonic() - start:.0f} s" + " " * 20, flush=True)


# --- queries ---------------------------------------------------------------------------------

WORDS = ["capel", "chapel", "miners", "glowyr", "troedrhiwfuwch", "rhymney", "rhymni", "côr", "choir", "ysgol",
         "school", "eisteddfod", "rugby", "rygbi", "carnival", "streic", "strike", "snow", "eira", "wedding",
         "priodas", "brass band", "band pres", "Evans", "Jones", "Bethel", "Seion", "Troed-rhiw-fuwch", "mam-gu",
         "colliery", "Barry", "tredegar", "Merthyr", "summer fair", "Sunday school", "underground", "dymchwel"]


def outbox_fill() -> None:
    """The search outbox as in an archive that has run for a while: a row for every item, nothing waiting, the
    items that are not public taken out of the index a month ago (every search asks this table)."""
    from django.db import connection

    from archive.search.documents import items_to_index
    from archive.search.models import IndexState

    table = IndexState._meta.db_table
    visible, params = items_to_index().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (item_id, version, pending, changed_at, synced_at, removed_at,"
                       " attempts, last_error) SELECT id, 1, false, now() - interval '30 days',"
                       " now() - interval '30 days', NULL, 0, '' FROM archive_item ON CONFLICT DO NOTHING")
        cursor.execute(f"UPDATE {table} SET removed_at = synced_at WHERE item_id NOT IN ({visible})", params)
        cursor.execute(f"ANALYZE {table}")


def trails_fill(count: int = 60, stops: int = 12) -> int:
    """Published story trails over public items (``count`` of ``stops`` stops each), in bulk: searches find them
    beside the items and count the items' story-trail facets. Their outbox rows are made by the rebuild."""
    from django.utils import timezone

    from archive.models import Stop, Trail, TrailAuthor, User
    from archive.search.documents import items_to_index

    rng = random.Random(11)
    curator, _ = User.objects.get_or_create(username="bench-curator", defaults={"role": "curator", "password": "!"})
    public = list(items_to_index().filter(image_hidden=False).values_list("pk", flat=True)[:20_000])
    trails = Trail.objects.bulk_create([
        Trail(title_cy=f"Taith {rng.choice(WORDS)} {n}", title_en=f"The {rng.choice(WORDS)} walk {n}",
              introduction_cy=rng.choice(MEMORIES)[1], introduction_en=" ".join(rng.sample(WORDS, 6)),
              status="published", published_at=timezone.now(), created_by=curator) for n in range(count)])
    TrailAuthor.objects.bulk_create([TrailAuthor(trail=t, user=curator, role="creator") for t in trails])
    Stop.objects.bulk_create([
        Stop(trail=t, position=p, item_id=rng.choice(public), narrative_cy=rng.choice(MEMORIES)[1],
             narrative_en=" ".join(rng.sample(WORDS, 8))) for t in trails for p in range(1, stops + 1)])
    return len(trails)


def _typo(word: str, rng) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1:]


def query_mix(count: int, ids: dict) -> list[dict]:
    """``count`` mixed searches: words (some misspelt), facets (some multi-select), years, map areas, orders."""
    rng = random.Random(7)
    mix = []
    for n in range(count):
        params: dict = {}
        kind = rng.random()
        if kind < 0.7:
            word = rng.choice(WORDS)
            params["q"] = _typo(word, rng) if len(word) > 5 and rng.random() < 0.15 else word
            if rng.random() < 0.1:
                params["q"] += " " + rng.choice(WORDS)
        for _ in range(rng.choice([0, 1, 1, 2, 3]) if kind < 0.7 else rng.choice([1, 2, 3])):
            name = rng.choice(["decade", "place", "person", "subject", "collection", "licence", "media_type"])
            values = rng.sample(ids[name], min(len(ids[name]), rng.choice([1, 1, 2])))
            params.setdefault(name, []).extend(values)
        if rng.random() < 0.15:
            low = rng.randint(1890, 1990)
            params.update(year_from=low, year_to=low + rng.choice([5, 10, 30]))
        if rng.random() < 0.1:
            params["bbox"] = "-3.5,51.5,-3.1,51.8"
        if rng.random() < 0.1:
            params["sort"] = rng.choice(["date", "-date"])
            params["page"] = rng.randint(2, 5)
        mix.append(params)
    return mix


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure_queries(env: dict, count: int, warmup: int = 40) -> dict:
    """Latency of the mix through the HTTP API (gunicorn) and of the same bodies sent straight to the engine."""
    from archive.licences import LICENCES
    from archive.models import Collection, Person, Place, Subject
    from archive.search import engine
    from archive.search.query import search_query_from
    from archive.search.selectors import search_request

    ids = {"decade": [str(d) for d in range(1890, 2010, 10)],
           "place": [str(pk) for pk in Place.objects.values_list("pk", flat=True)],
           "person": [str(pk) for pk in Person.objects.values_list("pk", flat=True)[:60]],
           "subject": [str(pk) for pk in Subject.objects.values_list("pk", flat=True)],
           "collection": [str(pk) for pk in Collection.objects.values_list("pk", flat=True)],
           "licence": [lic.uri for lic in LICENCES[:8]], "media_type": ["image/jpeg", "image/tiff", "application/pdf"]}
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                            f"127.0.0.1:{WEB_PORT}", "--workers", "2", "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        conn = None
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=30)
                conn.request("GET", "/api/v1/search/?page_size=1")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        api_ms, engine_ms, hits = [], [], []
        for n, params in enumerate(query_mix(warmup + count, ids)):
            path = "/api/v1/search/?" + urlencode(params, doseq=True)
            body = search_request(search_query_from({k: v if isinstance(v, list) else [str(v)]
                                                     for k, v in params.items()}))
            timings = {}
            for which in (("api", "engine") if n % 2 else ("engine", "api")):  # alternate who goes first
                began = time.perf_counter()
                if which == "api":
                    conn.request("GET", path)
                    response = conn.getresponse()
                    payload = response.read()
                    assert response.status == 200, (path, payload[:300])
                else:
                    answer = engine.search_body(body)
                timings[which] = (time.perf_counter() - began) * 1000
            if n >= warmup:
                api_ms.append(timings["api"])
                engine_ms.append(timings["engine"])
                hits.append(answer["hits"]["total"]["value"])
        return {"api": api_ms, "engine": engine_ms, "hits": hits}
    finally:
        web.terminate()
        web.wait(timeout=20)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--regenerate", action="store_true", help="make the generated archive again")
    parser.add_argument("--heap", default="1g", help="the search node's JVM heap (default %(default)s)")
    parser.add_argument("--keep-node", action="store_true", help="leave the search node running for the next run")
    args = parser.parse_args()
    try:
        return run(args)
    finally:
        if not args.keep_node:
            import searchnode

            searchnode.stop(str(VAR / "search-bench"))


def run(args) -> int:
    """Generate (when needed), index, query and reindex; print the figures."""
    env = prepare_environment(args.heap)
    from archive.models import Item
    from archive.search import engine
    from archive.search.documents import items_to_index
    from archive.search.indexing import index_rebuild
    from archive.search.models import IndexState

    # Data generated before moderation (archive/0003) has no approved item: nothing to index, so make it again.
    if args.regenerate or Item.objects.count() != args.items or not items_to_index().exists():
        print(f"Generating {args.items:,} items in database {DATABASE} …", flush=True)
        generate(args.items)
    if IndexState.objects.count() < Item.objects.count():
        outbox_fill()
    from archive.models import Trail

    if not Trail.objects.exists():
        trails_fill()
    public = items_to_index().count()
    print(f"{Item.objects.count():,} items, {public:,} of them public and ready (the ones indexed), and "
          f"{Trail.objects.filter(status='published').count()} published story trails.", flush=True)

    print("Indexing them all …", flush=True)
    first = index_rebuild()
    print("Running the queries …", flush=True)
    latency = measure_queries(env, args.queries)
    print("Rebuilding the index again (manage.py search_reindex) …", flush=True)
    again = index_rebuild()

    api, direct = latency["api"], latency["engine"]
    load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    p50 = (statistics.median(api), statistics.median(direct))
    p95 = (_percentile(api, 95), _percentile(direct, 95))
    print(f"""
Search benchmark: {os.cpu_count()} CPU(s) (load average now {load}), OpenSearch node with {args.heap} heap,
PostgreSQL, gunicorn (2 workers, production settings)
  items in the database            {Item.objects.count():>10,}
  documents indexed                {first.documents:>10,}   ({engine.alias()} → {again.index})
  bulk indexing rate               {first.rate:>10,.0f} docs/s   (read, build and send: {first.loading_seconds:.1f} s)
  full reindex (fresh index+swap)  {again.seconds:>10.1f} s        ({again.rate:,.0f} docs/s while loading)
  {len(api)} mixed faceted queries (8 facets, decade counts, map cells, highlights; median {statistics.median(latency['hits']):,.0f} hits):
                         p50 ms    p95 ms
    HTTP API           {p50[0]:>8.1f}  {p95[0]:>8.1f}
    engine directly    {p50[1]:>8.1f}  {p95[1]:>8.1f}
    ratio API/engine   {p50[0] / p50[1]:>8.2f}  {p95[0] / p95[1]:>8.2f}
  targets: API p95 <= 50 ms, ratio <= 1.5, bulk >= 3,000 docs/s, full reindex of 100,000 <= 60 s
""", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
