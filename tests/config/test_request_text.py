"""A NUL character, which the database cannot store, gets a 400 naming the parameter (pages and API)."""
import pytest

from archive.licences import LICENCES
from archive.models import Item

pytestmark = pytest.mark.django_db


def test_a_curators_reason_with_a_nul_character_is_refused_by_name(client, make_user, villager):
    item = Item.objects.create(licence=LICENCES[0].uri, consent=True, contributor=villager, status="ready",
                               moderation="pending", title_en="Côr")
    client.force_login(make_user("keeper", role="curator"), backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/moderation/", {"action": "reject-item", "item": item.pk, "reason": "Dyblyg\x00"})
    assert response.status_code == 400
    assert "“reason” contains a NUL character" in response.content.decode()
    item.refresh_from_db()
    assert item.moderation == "pending"
    welsh = client.post("/moderation/", {"action": "reject-item", "item": item.pk, "reason": "\x00"},
                        HTTP_ACCEPT_LANGUAGE="cy")
    assert welsh.status_code == 400 and "Mae nod NUL yn “reason”" in welsh.content.decode()


def test_a_query_string_with_a_nul_character_is_refused_everywhere(client):
    assert client.get("/search/", {"q": "capel\x00"}).status_code == 400
    response = client.get("/api/v1/people/", {"search\x00": "x"})
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]
