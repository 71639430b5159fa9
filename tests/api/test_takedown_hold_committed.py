"""Holding an item for a takedown request works outside a test's transaction too (as on a real server)."""
import pytest
from rest_framework.test import APIClient

from archive.licences import LICENCES
from archive.models import Item, TakedownRequest


@pytest.mark.django_db(transaction=True)
def test_a_curator_holds_an_item_in_a_committed_request(make_user, villager):
    item = Item.objects.create(licence=LICENCES[0].uri, consent=True, contributor=villager, status="ready",
                               moderation="approved", title_en="Côr")
    takedown = TakedownRequest.objects.create(item=item, reason="My face", requester_name="Ann")
    api = APIClient()
    api.force_authenticate(make_user("keeper", role="curator"))
    response = api.post(f"/api/v1/takedown-requests/{takedown.pk}/hold/")
    assert response.status_code == 200, response.content[:300]
    assert response.json()["held"] is True
    item.refresh_from_db()
    assert item.held_for_review
