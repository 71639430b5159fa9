"""Schemathesis against the live test server: every API operation, as a visitor, a member and a curator.

The OpenAPI schema is read over HTTP from ``/api/v1/schema/`` of the running server, and for each
operation Schemathesis generates requests from it (valid ones, and ones that break the schema), half of
them aimed at real records (the path's ids pinned to this test's own sample data), half at whatever ids
it draws. Every answer must be no server error (5xx), have a status code the schema documents, and
the content type and body the schema gives for that code. The run is reproducible (derandomised) and
bounded (``EXAMPLES`` per operation, mode and role); curators' writes (withdraw, merge, reject…)
change the sample data as they go, which is why each role gets data of its own and the operations run
in a fixed order, reading before writing.
"""
import re

import pytest
import requests
import schemathesis
from django.core.cache import cache
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                          status_code_conformance)

from archive.models import (Batch, Collection, Description, Invite, Item, Person, Place,
                            PlaceNameProposal, RegionTag, Subject, TakedownRequest, User)
from archive.search.indexing import index_rebuild
from tests.fuzzing import counted, fuzz_settings, picture_records

pytestmark = pytest.mark.integration

CC_BY = "http://creativecommons.org/licenses/by/4.0/"
EXAMPLES = 5  # per operation, generation mode (valid, invalid) and role
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = ["visitor", "member", "curator"]


def _world(tag: str) -> dict:
    """Sample data of every kind the API serves, owned by accounts made for this run; the ids by path segment."""
    member = User.objects.create_user(f"st-member-{tag}", password="pw", trusted=False)
    curator = User.objects.create_user(f"st-curator-{tag}", password="pw", role="curator")
    waiting = User.objects.create_user(f"st-waiting-{tag}", password="pw", approved=False)
    place = Place.objects.create(name_en=f"Capel {tag}", name_cy=f"Capel {tag}", created_by=member)
    person = Person.objects.create(name=f"Dai {tag}", created_by=member)
    subject = Subject.objects.create(slug=f"glofa-{tag}", label_en="Colliery", label_cy="Glofa")
    Subject.objects.create(slug=f"cynnig-{tag}", label_en="Proposal", approved=False, proposed_by=member)
    collection = Collection.objects.create(slug=f"casgliad-{tag}", title_en="Chapels", title_cy="Capeli")
    batch = Batch.objects.create(contributor=member)
    items = {}
    for name, fields in (("public", {}), ("private", {"visibility": "private"}), ("members", {"visibility": "members"}),
                         ("pending", {"moderation": "pending"})):
        values = {"status": "ready", "moderation": "approved", **fields}
        item = Item.objects.create(licence=CC_BY, consent=True, consent_at=timezone.now(), contributor=member,
                                   batch=batch, title_en=f"Capel {name}", title_cy=f"Capel {name}", place=place,
                                   date_text="1947", **values)
        item.people.set([person])
        item.subjects.set([subject])
        item.collections.set([collection])
        picture_records(item)
        items[name] = item
    public = items["public"]
    asset = public.assets.get()
    description = Description.objects.create(item=public, text="Côr y pentref", language="cy", author=member,
                                             moderation="approved")
    Description.objects.create(item=public, text="Waiting words", language="en", author=member, moderation="pending")
    tag_ = RegionTag.objects.create(item=public, asset=asset, x=10, y=10, w=100, h=100, label="Mam-gu",
                                    author=member, person=person)
    proposal = PlaceNameProposal.objects.create(place=place, name="Capel y Bryn", language="cy", proposed_by=member)
    takedown = TakedownRequest.objects.create(item=public, reason="My face", requester_name="Ann")
    invite = Invite.objects.create(code=f"invite-{tag}", created_by=curator)
    tokens = {"visitor": None, "member": Token.objects.create(user=member).key,
              "curator": Token.objects.create(user=curator).key}
    ids = {"items": public.pk, "descriptions": description.pk, "region-tags": tag_.pk, "names": proposal.pk,
           "batches": batch.pk, "collections": collection.pk, "people": person.pk, "places": place.pk,
           "subjects": subject.pk, "invites": invite.pk, "members": waiting.pk, "takedown-requests": takedown.pk}
    return {"tokens": tokens, "ids": ids}


def _pinned(path: str, ids: dict) -> dict:
    """The path's parameters set to this run's records: each ``{name}`` takes the id of the segment before it."""
    segments = path.strip("/").split("/")
    pinned = {}
    for before, segment in zip(segments, segments[1:]):
        name = re.fullmatch(r"\{(\w+)\}", segment)
        if name and before in ids:
            pinned[name.group(1)] = ids[before]
    return pinned


def _order(operation) -> tuple:
    """Read first, then change, and last what removes or merges records (so the rest still finds them)."""
    method, path = operation.method.upper(), operation.path
    last = any(word in path for word in ("withdraw", "merge", "reject", "resolve", "revert"))
    return (method != "GET", last, path, method)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_as_its_schema_says(role, live_server, transactional_db, search_node):
    world = _world(role)
    index_rebuild()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    operations = sorted((result.ok() for result in schema.get_all_operations()), key=_order)
    assert len(operations) > 50
    token = world["tokens"][role]
    headers = {"Authorization": f"Token {token}"} if token else {}
    session = requests.Session()
    failures = []
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        pinned = _pinned(operation.path, world["ids"])
        strategies = []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategies.append(operation.as_strategy(generation_mode=mode))
            if pinned:
                strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=pinned))
        with counted("Schemathesis (API operations)", label) as one_more:

            @fuzz_settings(EXAMPLES * 2)
            @given(case=st.one_of(strategies))
            def run(case):
                one_more()
                case.call_and_validate(base_url=live_server.url, session=session, headers=headers, checks=CHECKS,
                                       timeout=30)

            try:
                run()
            except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001  (every operation is tried, all reported)
                failures.append(f"== {role}: {label}\n{failure}")
    cache.clear()  # sign-in failures and rate-limit counts stay with this test
    assert not failures, f"{len(failures)} operations answered against their schema:\n\n" + "\n\n".join(failures)
