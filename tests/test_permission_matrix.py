"""The permission matrix: every role × every item state × every surface, from one table; any leak fails.

One table (:data:`STATES`) says, for each state an item can be in, which roles may see the item and
which may see its pictures. Every surface's expected answer is derived from it by a rule
(:data:`EXPECTED`), and each test compares the answer for all eight states at once, so a failure
shows the whole row. The items are made once for the module and committed (so a real search
index can be built from them), with real tile pyramids and thumbnail files on disk.
"""
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from archive.models import (
    Asset, Derivative, Description, Item, Person, Place, Stop, Subject, Trail, TrailAuthor, User,
)
from archive.search.indexing import index_rebuild
from archive.search.models import IndexState, TrailIndexState
from tests.iiif.conftest import write_tiles

pytestmark = pytest.mark.django_db
CC_BY = "http://creativecommons.org/licenses/by/4.0/"

ROLES = ["anonymous", "member", "other member", "unapproved", "contributor", "curator"]
ALL = set(ROLES)
MEMBERS = {"member", "other member", "contributor", "curator"}
OWNERS = {"contributor", "curator"}

# state: (the item's fields, who may see the item, who may see its pictures)
STATES = {
    "public": ({}, ALL, ALL),
    "members": ({"visibility": "members"}, MEMBERS, MEMBERS),
    "private": ({"visibility": "private"}, OWNERS, OWNERS),
    "pending": ({"moderation": "pending"}, OWNERS, OWNERS),
    "rejected": ({"moderation": "rejected", "moderation_reason": "Dyblyg"}, OWNERS, OWNERS),
    "withdrawn": ({"status": "withdrawn", "withdrawn_at": timezone.now()}, OWNERS, OWNERS),
    "held_for_review": ({"held_for_review": True}, OWNERS, OWNERS),
    "image_hidden": ({"image_hidden": True}, ALL, OWNERS),
}
PUBLIC_CATALOGUE = {state for state, (_, sees, _) in STATES.items() if "anonymous" in sees}  # search, sitemap


def sees(role, state) -> bool:
    return role in STATES[state][1]


def sees_pictures(role, state) -> bool:
    return role in STATES[state][2]


def shown_on_trail(role, state) -> bool:
    """A trail's stop shows its item to whoever may see its pictures, but a withdrawn item to nobody."""
    return sees_pictures(role, state) and state != "withdrawn"


def iiif_status(role, state, pictures=False) -> int:
    """IIIF answers: 410 for a withdrawn (once public) item, 401 when signing in would help, else 404."""
    if state == "withdrawn":
        return 410
    if sees(role, state) and (not pictures or sees_pictures(role, state)):
        return 200
    if role == "anonymous" and sees("member", state) and (not pictures or sees_pictures("member", state)):
        return 401
    return 404


EXPECTED = {  # surface → rule: (role, state) → the expected answer
    "api list": lambda role, state: sees(role, state),
    "api detail": lambda role, state: (200, sees_pictures(role, state)) if sees(role, state) else (404, False),
    "item page": lambda role, state: (200, sees_pictures(role, state)) if sees(role, state) else (404, False),
    "search results": lambda role, state: (True, state != "image_hidden") if state in PUBLIC_CATALOGUE
    else (False, False),
    "search facet counts": lambda role, state: 1 if state in PUBLIC_CATALOGUE else 0,
    "suggest titles": lambda role, state: state in PUBLIC_CATALOGUE,
    "suggest subjects": lambda role, state: state in PUBLIC_CATALOGUE,
    "manifest": lambda role, state: (iiif_status(role, state), 0 if state == "image_hidden" else 1)
    if iiif_status(role, state) == 200 else (iiif_status(role, state), None),
    "iiif collection": lambda role, state: sees(role, state) and state != "withdrawn",
    "info.json": lambda role, state: iiif_status(role, state, pictures=True),
    "tile": lambda role, state: iiif_status(role, state, pictures=True),
    "thumbnail media": lambda role, state: 200 if sees_pictures(role, state) else 404,
    "sitemap": lambda role, state: state in PUBLIC_CATALOGUE,
    # People, places and subjects typed only on one item are shown where that item is.
    "api people": lambda role, state: sees(role, state),
    "api person detail": lambda role, state: 200 if sees(role, state) else 404,
    "api places": lambda role, state: sees(role, state),
    "api place detail": lambda role, state: 200 if sees(role, state) else 404,
    "api subjects": lambda role, state: sees(role, state),
    "api subject detail": lambda role, state: 200 if sees(role, state) else 404,
    "contribute place suggestions": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    "search facet labels": lambda role, state: state in PUBLIC_CATALOGUE,
    "suggest people": lambda role, state: state in PUBLIC_CATALOGUE,
    "suggest places": lambda role, state: state in PUBLIC_CATALOGUE,
    # An upload may name a place, person or subject by number only when its uploader may see it.
    "upload place id": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    "upload person id": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    "upload subject id": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    "contribute place id": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    "contribute person id": lambda role, state: sees(role, state) and role not in {"anonymous", "unapproved"},
    # A published trail with one stop per state: a stop whose item the reader is not shown is a placeholder
    # (its narrative, never the item's title or picture) on every surface.
    "trail api stop": lambda role, state: (shown_on_trail(role, state),) * 2,
    "trail stop page": lambda role, state: (200, shown_on_trail(role, state), shown_on_trail(role, state)),
    "trail leaflet": lambda role, state: (shown_on_trail(role, state), shown_on_trail(role, state)),
    "trail manifest": lambda role, state: shown_on_trail(role, state),
}


def _media(relative: str) -> None:
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xd9")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, search_node):
    """The accounts and one item per state (committed), tiles and thumbnails on disk, a fresh search index."""
    with django_db_blocker.unblock():
        users = {
            "member": User.objects.create_user("matrix-member"),
            "other member": User.objects.create_user("matrix-other"),
            "unapproved": User.objects.create_user("matrix-unapproved", approved=False),
            "contributor": User.objects.create_user("matrix-contributor"),
            "curator": User.objects.create_user("matrix-curator", role="curator"),
        }
        # The other member has a waiting item of their own: it must not open anyone else's to them.
        Item.objects.create(licence=CC_BY, contributor=users["other member"], status="ready", title_en="Eiddo arall")
        items = {}
        for state, (fields, _, _) in STATES.items():
            values = {"status": "ready", "moderation": "approved", "visibility": "public", **fields}
            # The place and the person were typed by the contributor on this item only (created_by).
            place = Place.objects.create(name_en=f"Lle {state}", created_by=users["contributor"])
            item = Item.objects.create(licence=CC_BY, consent=True, contributor=users["contributor"],
                                       title_en=f"Matrics {state}", place=place, **values)
            item.people.set([Person.objects.create(name=f"Unigolyn {state}", created_by=users["contributor"])])
            item.subjects.set([Subject.objects.create(slug=f"matrix-{state}", label_en=f"Pwnc {state}",
                                                      label_cy=f"Pwnc {state}")])
            Description.objects.create(item=item, text=f"Capel {state}", language="en", author=users["contributor"],
                                       moderation="approved")
            sha = f"{item.pk:064x}"
            asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", sha256=sha,
                                         original_filename="llun.jpg", size_bytes=10, media_type="image/jpeg",
                                         width=1200, height=800)
            write_tiles(asset, 1200, 800)
            for kind, (width, height) in (("thumbnail", (300, 200)), ("web", (1200, 800))):
                path = f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg"
                _media(path)
                Derivative.objects.create(asset=asset, kind=kind, path=path, media_type="image/jpeg", width=width,
                                          height=height)
            items[state] = Item.objects.get(pk=item.pk)
        trails = _trails(users, items)
        index_rebuild()
    yield {"users": users, "items": items, "trails": trails}
    with django_db_blocker.unblock():
        IndexState.objects.all().delete()
        TrailIndexState.objects.all().delete()
        Trail.objects.filter(created_by=users["curator"]).delete()
        Item.objects.filter(contributor__in=users.values()).delete()
        Subject.objects.filter(slug__startswith="matrix-").delete()
        Person.objects.filter(name__startswith="Unigolyn ").delete()
        Place.objects.filter(name_en__startswith="Lle ").delete()
        User.objects.filter(pk__in=[u.pk for u in users.values()]).delete()


def _trails(users, items) -> dict:
    """A published trail by the curator with one stop per state (in STATES' order), and a draft with the
    member as co-author. Stops are made directly: the services refuse withdrawn items on new stops."""
    curator = users["curator"]
    published = Trail.objects.create(title_en="Llwybr y matrics", introduction_en="Taith", status="published",
                                     published_at=timezone.now(), created_by=curator)
    draft = Trail.objects.create(title_en="Drafft y matrics", introduction_en="Taith", created_by=curator)
    for trail in (published, draft):
        TrailAuthor.objects.create(trail=trail, user=curator, role="creator")
    TrailAuthor.objects.create(trail=draft, user=users["member"], role="co-author", invited_by=curator)
    for position, (state, item) in enumerate(items.items(), start=1):
        Stop.objects.create(trail=published, position=position, item=item, narrative_en=f"Arhosfan {state}")
    Stop.objects.create(trail=draft, position=1, item=items["public"], narrative_en="Arhosfan drafft")
    return {"published": published, "draft": draft}


@pytest.fixture
def as_role(client, world):
    """``as_role(role)``: the test client signed in as that role (signed out for anonymous)."""

    def sign_in(role):
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        return client

    return sign_in


def _asset(item) -> Asset:
    return Asset.objects.get(item=item)


def _by_state(world, found_ids) -> dict:
    return {state: item.pk in found_ids for state, item in world["items"].items()}


def _api_list(client, world):
    found = set()
    url = "/api/v1/items/?page_size=100"
    while url:
        body = client.get(url).json()
        found |= {r["id"] for r in body["results"]}
        url = body["next"]
    return _by_state(world, found)


def _api_detail(client, world):
    answers = {}
    for state, item in world["items"].items():
        response = client.get(f"/api/v1/items/{item.pk}/")
        body = response.json() if response.status_code == 200 else {}
        pictures = bool(body.get("assets")) and all(a["thumbnail"] and a["web"] for a in body["assets"])
        answers[state] = (response.status_code, pictures)
    return answers


def _item_page(client, world):
    answers = {}
    for state, item in world["items"].items():
        response = client.get(f"/items/{item.pk}/")
        answers[state] = (response.status_code, f"/media/derivatives/{item.pk}/" in response.content.decode())
    return answers


def _search(client, world):
    body = client.get("/api/v1/search/", {"q": "capel", "page_size": 50}, HTTP_ACCEPT_LANGUAGE="en").json()
    results = {r["id"]: r for r in body["results"]}
    return {state: (item.pk in results, bool(results.get(item.pk, {}).get("thumbnail")))
            for state, item in world["items"].items()}


def _facets(client, world):
    body = client.get("/api/v1/search/", {"facets": "subject", "page_size": 1}, HTTP_ACCEPT_LANGUAGE="en").json()
    counts = {v["label"]: v["count"] for v in body["facets"]["subject"]}
    return {state: counts.get(f"Pwnc {state}", 0) for state in world["items"]}


def _suggest(kind: str, text: str):
    def answer(client, world):
        body = client.get("/api/v1/search/suggest/", {"q": text}, HTTP_ACCEPT_LANGUAGE="en").json()
        labels = {s["label"] for s in body["suggestions"] if s["kind"] == kind}
        return {state: f"{text} {state}" in labels for state in world["items"]}
    return answer


def _manifest(client, world):
    answers = {}
    for state, item in world["items"].items():
        response = client.get(f"/iiif/items/{item.pk}/manifest")
        canvases = len(json.loads(response.content)["items"]) if response.status_code == 200 else None
        answers[state] = (response.status_code, canvases)
    return answers


def _collection(client, world):
    body = json.loads(client.get("/iiif/collection").content)
    listed = {entry["id"] for entry in body["items"]}
    return {state: any(i.endswith(f"/iiif/items/{item.pk}/manifest") for i in listed)
            for state, item in world["items"].items()}


def _image(path: str):
    def answer(client, world):
        return {state: client.get(f"/iiif/3/{_asset(item).pk}/{path}").status_code
                for state, item in world["items"].items()}
    return answer


def _thumbnail(client, world):
    return {state: client.get(f"/media/derivatives/{item.pk}/{_asset(item).pk}/thumbnail.jpg").status_code
            for state, item in world["items"].items()}


def _sitemap(client, world):
    xml = client.get("/sitemap.xml").content.decode()
    return {state: f"/items/{item.pk}/</loc>" in xml for state, item in world["items"].items()}


def _vocabulary_list(path: str, label):
    """Which state's entry (named ``<word> <state>``) a vocabulary list shows, every page read."""
    def answer(client, world):
        shown, url = set(), f"/api/v1/{path}/?page_size=100"
        while url:
            body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
            shown |= {label(r) for r in body["results"]}
            url = body["next"]
        return {state: _entry(path, state) in shown for state in world["items"]}
    return answer


def _entry(path: str, state: str) -> str:
    return {"people": "Unigolyn", "places": "Lle", "subjects": "Pwnc"}[path] + f" {state}"


def _vocabulary_of(item, path: str):
    if path == "people":
        return item.people.get()
    return item.place if path == "places" else item.subjects.get()


def _vocabulary_detail(path: str):
    def answer(client, world):
        return {state: client.get(f"/api/v1/{path}/{_vocabulary_of(item, path).pk}/").status_code
                for state, item in world["items"].items()}
    return answer


def _contribute_places(client, world):
    page = client.get("/contribute/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode() if page.status_code == 200 else ""
    return {state: f'<option value="Lle {state}">' in html for state in world["items"]}


def _facet_labels(client, world):
    """A search selecting every state's place: its name is shown (else only its id) as the facet's label."""
    places = {state: item.place for state, item in world["items"].items()}
    body = client.get("/api/v1/search/", {"place": [p.pk for p in places.values()], "facets": "place",
                                          "page_size": 1}, HTTP_ACCEPT_LANGUAGE="en").json()
    labels = {v["value"]: v["label"] for v in body["facets"]["place"]}
    return {state: labels.get(str(place.pk)) == place.name_en for state, place in places.items()}


def _upload_by_id(field: str, path: str):
    """Whether an upload through the API takes each state's entry by number. Nothing is uploaded: no files
    are sent, so the answer is always a 400 (or a 403) and says whether ``field`` itself was refused."""
    def answer(client, world):
        accepted = {}
        for state, item in world["items"].items():
            response = client.post("/api/v1/items/", {field: str(_vocabulary_of(item, path).pk)})
            accepted[state] = response.status_code == 400 and field not in response.json()
        return accepted
    return answer


def _contribute_by_id(field: str, path: str):
    """Whether the contribute page takes each state's entry by number (no files sent: nothing is uploaded)."""
    def answer(client, world):
        accepted = {}
        for state, item in world["items"].items():
            response = client.post("/contribute/", {field: str(_vocabulary_of(item, path).pk)})
            accepted[state] = (response.status_code == 400
                               and f'id="contribute-{field}-error"' not in response.content.decode())
        return accepted
    return answer


def _picture_in(html: str, item) -> bool:
    """Whether ``html`` points at ``item``'s picture: a derivative file or the Image API."""
    asset = _asset(item)
    return f"/derivatives/{item.pk}/{asset.pk}/" in html or f"/iiif/3/{asset.pk}/" in html


def _trail_stop_number(world, state) -> int:
    return list(world["items"]).index(state) + 1


def _trail_api_stop(client, world):
    """Whether the trail's JSON gives each stop's item id and title."""
    stops = client.get(f"/api/v1/trails/{world['trails']['published'].pk}/").json()["stops"]
    return {state: (stops[n]["item"] is not None, bool(stops[n]["title"])) for n, state in enumerate(world["items"])}


def _trail_stop_page(client, world):
    """Each stop's page: its answer, whether the item's title is shown, whether its picture is."""
    answers = {}
    for state, item in world["items"].items():
        number = _trail_stop_number(world, state)
        response = client.get(f"/trails/{world['trails']['published'].pk}/stops/{number}/")
        html = response.content.decode()
        assert f"Arhosfan {state}" in html  # the narrative stays on a placeholder
        answers[state] = (response.status_code, f"Matrics {state}" in html, _picture_in(html, item))
    return answers


def _trail_leaflet(client, world):
    """The printed leaflet: whether each stop's item title and picture are on it."""
    html = client.get(f"/trails/{world['trails']['published'].pk}/leaflet/").content.decode()
    return {state: (f"Matrics {state}" in html, _picture_in(html, item))
            for state, item in world["items"].items()}


def _trail_manifest(client, world):
    """Whether the trail's IIIF manifest carries each stop's picture (its Image API service)."""
    body = client.get(f"/iiif/trails/{world['trails']['published'].pk}/manifest").content.decode()
    return {state: f"/iiif/3/{_asset(item).pk}" in body for state, item in world["items"].items()}


ACTUAL = {
    "api list": _api_list,
    "api detail": _api_detail,
    "item page": _item_page,
    "search results": _search,
    "search facet counts": _facets,
    "suggest titles": _suggest("title", "Matrics"),
    "suggest subjects": _suggest("subject", "Pwnc"),
    "manifest": _manifest,
    "iiif collection": _collection,
    "info.json": _image("info.json"),
    "tile": _image("full/300,200/0/default.jpg"),
    "thumbnail media": _thumbnail,
    "sitemap": _sitemap,
    "api people": _vocabulary_list("people", lambda r: r["name"]),
    "api person detail": _vocabulary_detail("people"),
    "api places": _vocabulary_list("places", lambda r: r["name"].get("en")),
    "api place detail": _vocabulary_detail("places"),
    "api subjects": _vocabulary_list("subjects", lambda r: r["label"].get("en")),
    "api subject detail": _vocabulary_detail("subjects"),
    "contribute place suggestions": _contribute_places,
    "search facet labels": _facet_labels,
    "suggest people": _suggest("person", "Unigolyn"),
    "suggest places": _suggest("place", "Lle"),
    "upload place id": _upload_by_id("place", "places"),
    "upload person id": _upload_by_id("people", "people"),
    "upload subject id": _upload_by_id("subjects", "subjects"),
    "contribute place id": _contribute_by_id("place", "places"),
    "contribute person id": _contribute_by_id("people", "people"),
    "trail api stop": _trail_api_stop,
    "trail stop page": _trail_stop_page,
    "trail leaflet": _trail_leaflet,
    "trail manifest": _trail_manifest,
}


def test_every_surface_has_a_rule():
    assert set(ACTUAL) == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("surface", list(EXPECTED))
def test_permission_matrix(surface, role, world, as_role):
    client = as_role(role)
    expected = {state: EXPECTED[surface](role, state) for state in STATES}
    assert ACTUAL[surface](client, world) == expected, f"{surface} as {role}"


DRAFT_READERS = {"member", "curator"}  # the draft's co-author, and curators


def _trail_surfaces(client, trail) -> dict:
    """How each surface answers about ``trail``: status codes, and whether listings name it."""
    listed = {t["id"] for t in client.get("/api/v1/trails/", {"page_size": 100}).json()["results"]}
    return {
        "api detail": client.get(f"/api/v1/trails/{trail.pk}/").status_code,
        "api list": trail.pk in listed,
        "page": client.get(f"/trails/{trail.pk}/").status_code,
        "stop page": client.get(f"/trails/{trail.pk}/stops/1/").status_code,
        "leaflet": client.get(f"/trails/{trail.pk}/leaflet/").status_code,
        "manifest": client.get(f"/iiif/trails/{trail.pk}/manifest").status_code,
        "index page": f"/trails/{trail.pk}/" in client.get("/trails/").content.decode(),
        "search": trail.pk in {hit["id"] for hit in client.get("/api/v1/search/", {
            "q": trail.title_en, "type": "trail", "page_size": 50}).json()["results"]},
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_trail_is_there_only_for_its_authors_and_curators_and_a_published_one_for_all(role, world, as_role):
    client = as_role(role)
    draft = 200 if role in DRAFT_READERS else 404
    assert _trail_surfaces(client, world["trails"]["draft"]) == {
        "api detail": draft, "api list": draft == 200, "page": draft, "stop page": draft, "leaflet": draft,
        "manifest": draft, "index page": draft == 200, "search": False}, f"draft as {role}"
    assert _trail_surfaces(client, world["trails"]["published"]) == {
        "api detail": 200, "api list": True, "page": 200, "stop page": 200, "leaflet": 200, "manifest": 200,
        "index page": True, "search": True}, f"published as {role}"
