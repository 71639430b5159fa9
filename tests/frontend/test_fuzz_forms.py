"""Property-based fuzzing of the page forms: whatever is typed or sent, no page answers a server error.

Hypothesis fills every form of the site (and the search page's query string) with plausible values
and with garbage (control characters and NUL, very long text, other scripts' digits, huge numbers,
repeated fields, fields that do not exist), as the visitor, member or curator who may use it.
Each answer must be a page or a redirect: 200, 201, 302, or a refusal (400, 403, 404, 405, 429), never
5xx. Each request runs in a savepoint, so a database error in one cannot hide the next.
"""
import io
import string

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from archive.licences import LICENCES
from archive.models import (Collection, Description, Item, Person, Place, PlaceNameProposal,
                            Subject, TakedownRequest, User)
from archive.search.indexing import index_rebuild
from tests.fuzzing import counted, fuzz_settings, picture_records

SUITE = "Hypothesis (page forms)"
EXAMPLES = 80  # per form
ANSWERS = {200, 201, 302, 400, 403, 404, 405, 429}

# Garbage: what people paste and what attackers send.
garbage = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["\x00", "a\x00b", "²", "١٢", "9" * 30, str(2 ** 63), str(-2 ** 63 - 1), "-1", "0", "1e309",
                     "NaN", "  ", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "\ud7ff",
                     "x" * 20000, "on", "yes", "true", "[]", "{}"]),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def plausible(*values) -> st.SearchStrategy:
    """One of the values a page's form would send."""
    return st.sampled_from(values)


def percent() -> st.SearchStrategy:
    """A percentage as a form sends it."""
    return st.decimals(0, 100, places=2).map(str)


@st.composite
def form(draw, fields: dict) -> dict:
    """POST data: what the page's form sends, with one field (or every field) garbled, repeated or left out.

    Starting from a valid form reaches the code behind its checks; each field is in turn the odd one out.
    """
    data = {name: draw(strategy) for name, strategy in fields.items()}
    how = draw(st.sampled_from(["as sent", "one garbled", "one garbled", "one with NUL", "one with NUL", "one repeated",
                                "one left out", "all garbled"]))
    name = draw(st.sampled_from(sorted(fields)))
    if how == "one garbled":
        data[name] = draw(garbage)
    elif how == "one with NUL" and isinstance(data[name], str):  # the database cannot store it
        data[name] = data[name] + "\x00"
    elif how == "one repeated":
        data[name] = [data[name], draw(st.one_of(fields[name], garbage))]
    elif how == "one left out":
        del data[name]
    elif how == "all garbled":
        data = {key: draw(st.one_of(garbage, st.none())) for key in fields}
        data = {key: value for key, value in data.items() if value is not None}
    if draw(st.integers(0, 9)) == 0:  # a field no form has
        data[draw(st.text(alphabet=string.ascii_letters + "_[]", min_size=1, max_size=12))] = draw(garbage)
    return data


def jpeg(name="llun.jpg") -> io.BytesIO:
    """A small real JPEG to upload."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 80, 40)).save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def world(db, search_node):
    """Accounts, a public item with a picture and words, a waiting one, vocabulary, a takedown request."""
    member = User.objects.create_user("fuzz-member", password="pw-fuzz-member")
    curator = User.objects.create_user("fuzz-curator", password="pw-fuzz-curator", role="curator")
    waiting = User.objects.create_user("fuzz-waiting", approved=False)
    place = Place.objects.create(name_en="Chapel Street", name_cy="Stryd y Capel", created_by=member)
    person = Person.objects.create(name="Dai Evans", created_by=member)
    subject = Subject.objects.create(slug="fuzz-proposal", label_en="Choir", approved=False, proposed_by=member)
    collection = Collection.objects.create(slug="fuzz-capeli", title_en="Chapels", title_cy="Capeli")
    items = {}
    for name, fields in (("public", {}), ("pending", {"moderation": "pending"})):
        item = Item.objects.create(licence=LICENCES[0].uri, consent=True, contributor=member, status="ready",
                                   moderation=fields.get("moderation", "approved"), title_en=f"Côr {name}",
                                   place=place)
        item.people.set([person])
        item.collections.set([collection])
        picture_records(item)
        items[name] = item
    words = Description.objects.create(item=items["public"], text="Côr y pentref", language="cy", author=member,
                                       moderation="pending")
    proposal = PlaceNameProposal.objects.create(place=place, name="Heol y Capel", language="cy", proposed_by=member)
    takedown = TakedownRequest.objects.create(item=items["public"], reason="Fy wyneb", requester_name="Ann")
    index_rebuild()  # the search page's own index of these items
    yield {"member": member, "curator": curator, "waiting": waiting, "items": items, "words": words,
           "place": place, "person": person, "subject": subject, "collection": collection, "proposal": proposal,
           "takedown": takedown}
    cache.clear()  # sign-in failures and rate-limit counts stay with this test


def _forms(w) -> list[tuple]:
    """(name, role, method, path, data strategy) for every form and query string of the pages."""
    public, pending = w["items"]["public"], w["items"]["pending"]
    ids = lambda *objs: plausible(*[str(o.pk) for o in objs])  # noqa: E731
    licences = [lic.uri for lic in LICENCES]
    region = {name: percent() for name in ("x", "y", "w", "h")}
    return [
        ("contribute", "member", "post", "/contribute/", form({
            "caption": plausible("Côr y pentref, haf 1947"), "language": plausible("cy", "en", "other"),
            "date_text": plausible("haf 1947", "c. 1950s"), "place": plausible("Troedrhiwfuwch", str(w["place"].pk)),
            "people": plausible("Mam-gu\nDai Evans", str(w["person"].pk), "²", str(2 ** 63)),
            "licence": plausible(*licences), "consent": plausible("on"), "visibility": plausible("public", "private"),
            "share_location": plausible("on"), "teller_name": plausible("Ann"),
            "files": st.one_of(st.builds(jpeg), st.builds(jpeg), st.builds(lambda: io.BytesIO(b"")))})),
        ("memory-day upload", "curator", "post", "/contribute/", form({
            "caption": plausible("Côr"), "language": plausible("cy"), "licence": plausible(*licences),
            "consent": plausible("on"), "teller_name": plausible("Ann Jones"), "place": plausible("Capel"),
            "files": st.builds(jpeg)})),
        ("voice", "member", "post", f"/items/{public.pk}/voices/", form({
            "text": plausible("Mam-gu yw'r ail o'r chwith."), "kind": plausible("memory", "caption", "story"),
            "language": plausible("cy", "en", "zxx"), "teller_name": plausible("Ann")})),
        ("takedown", "visitor", "post", f"/items/{public.pk}/takedown/", form({
            "reason": plausible("Fy wyneb i yw hwn."), "name": plausible("Ann"),
            "email": plausible("ann@example.org"), "asset": ids(public.assets.get()),
            **{f"region_{k}": v for k, v in region.items()}})),
        ("region tag", "member", "post", f"/items/{public.pk}/region-tags/", form({
            "label": plausible("Mam-gu"), "asset": ids(public.assets.get(), pending.assets.get()), **region})),
        ("search", "visitor", "get", "/search/", form({
            "q": plausible("côr", "capel"), "page": plausible("1", "2", "999999"),
            "sort": plausible("relevance", "date", "-date"), "place": ids(w["place"]),
            "person": ids(w["person"]), "subject": ids(w["subject"]), "decade": plausible("1940", "1950"),
            "collection": ids(w["collection"]), "licence": plausible(*licences), "media_type": plausible("image"),
            "has_story": plausible("true"), "facets": plausible("place,decade", "nonsense"),
            "year_from": plausible("1900"), "year_to": plausible("2000")})),
        ("sign in", "visitor", "post", "/accounts/login/", form({
            "username": plausible("fuzz-member", "FUZZ-MEMBER"), "password": plausible("pw-fuzz-member", "wrong"),
            "next": plausible("/contribute/", "https://example.org/", "//evil.example")})),
        ("my contributions", "member", "get", "/contribute/mine/", form({"page": plausible("1", "2")})),
        ("home", "visitor", "get", "/", form({"page": plausible("1", "2"), "language": plausible("cy")})),
        ("visibility", "member", "post", f"/items/{public.pk}/visibility/", form({
            "visibility": plausible("public", "members", "private"), "confirmed": plausible("yes")})),
        ("withdraw", "member", "post", f"/items/{pending.pk}/withdraw/", form({
            "reason": plausible("Wrong photo"), "delete": plausible("yes"), "confirmed": plausible("yes")})),
        ("moderation", "curator", "post", "/moderation/", form({
            "action": plausible("approve-selected", "approve-description", "reject-description", "approve-item",
                                "reject-item"),
            "items": ids(pending), "descriptions": ids(w["words"]), "description": ids(w["words"]),
            "item": ids(pending), "reason": plausible("Duplicate")})),
        ("members", "curator", "post", "/curate/members/", form({
            "member": ids(w["waiting"]), "trusted": plausible("on")})),
        ("vocabulary", "curator", "post", "/curate/vocabulary/", form({
            "action": plausible("approve-subject", "approve-place-name", "reject-place-name"),
            "subject": ids(w["subject"]), "label_cy": plausible("Côr"), "label_en": plausible("Choir"),
            "proposal": ids(w["proposal"]), "reason": plausible("Misspelt")})),
        ("takedowns", "curator", "post", "/curate/takedowns/", form({
            "request": ids(w["takedown"]), "action": plausible("hold", "resolve"),
            "resolution": plausible("keep", "hide_image", "blur_region", "delete"), "note": plausible("Kept."),
            "confirmed": plausible("yes")})),
        ("history", "curator", "post", f"/items/{public.pk}/history/", form({
            "target": plausible("item", f"description-{w['words'].pk}"), "version": plausible("1", "2"),
            "confirmed": plausible("yes")})),
    ]


def _client(role, w) -> Client:
    client = Client()
    if role != "visitor":
        client.force_login(w[role], backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_no_form_answers_a_server_error(world):
    failures = []
    for name, role, method, path, data in _forms(world):
        client = _client(role, world)
        with counted(SUITE, name) as one_more:

            @fuzz_settings(EXAMPLES)
            @given(fields=data)
            def run(fields):
                one_more()
                for value in fields.values():  # a file is read again for each example
                    for one in value if isinstance(value, list) else [value]:
                        if hasattr(one, "seek"):
                            one.seek(0)
                with transaction.atomic():  # a savepoint: a failed query leaves the next request a clean slate
                    response = getattr(client, method)(path, fields)
                assert response.status_code in ANSWERS, (response.status_code, response.content[:500])

            try:
                run()
            except Exception as failure:  # noqa: BLE001  (every form is tried; all failures are reported)
                failures.append(f"== {name} ({role}, {method.upper()} {path})\n{type(failure).__name__}: {failure}")
    assert not failures, f"{len(failures)} forms answered a server error:\n\n" + "\n\n".join(failures)
