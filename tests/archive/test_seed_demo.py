"""The demo's accounts: a curator, a trusted villager, and a newcomer whose contributions wait."""
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from archive.models import Description, User


@pytest.mark.django_db
def test_seed_demo_makes_three_accounts_and_waiting_words(settings):
    call_command("seed_demo", photos=5, stdout=io.StringIO())
    for username in ("curator", "villager", "newcomer"):
        assert authenticate(username=username, password=settings.COFIO_DEMO_PASSWORD) is not None, username
    accounts = {u.username: u for u in User.objects.all()}
    assert accounts["villager"].trusted and not accounts["villager"].is_curator
    assert not accounts["newcomer"].trusted and not accounts["newcomer"].is_curator
    assert accounts["curator"].is_curator
    waiting = Description.objects.filter(author=accounts["newcomer"])
    assert waiting.exists() and all(d.moderation == "pending" for d in waiting)
    assert Description.objects.filter(author=accounts["villager"]).exclude(moderation="approved").count() == 0
    told = Description.objects.get(teller_name__gt="")
    assert told.author == accounts["curator"] and told.moderation == "approved"
    call_command("seed_demo", photos=5, stdout=io.StringIO())  # again: nothing changes
    assert User.objects.count() == 3
