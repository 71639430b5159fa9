"""The demo's accounts: a curator, a trusted villager, and a newcomer whose contributions wait."""
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from archive.models import Description, Trail, User


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


@pytest.mark.django_db
def test_seed_demo_moves_accounts_off_the_once_published_password_and_keeps_a_chosen_one(settings):
    # A demo made before each installation had its own password: its accounts still have "cofio-demo".
    call_command("seed_demo", photos=1, stdout=io.StringIO())
    curator, villager = User.objects.get(username="curator"), User.objects.get(username="villager")
    curator.set_password("cofio-demo")
    curator.save()
    villager.set_password("the villager's own choice")  # changed at /accounts/password/change/
    villager.save()
    call_command("seed_demo", photos=1, stdout=io.StringIO())
    assert authenticate(username="curator", password="cofio-demo") is None
    assert authenticate(username="curator", password=settings.COFIO_DEMO_PASSWORD) is not None
    assert authenticate(username="villager", password="the villager's own choice") is not None


@pytest.mark.django_db
def test_seed_demo_needs_a_demo_password(settings):
    settings.COFIO_DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="COFIO_DEMO_PASSWORD"):
        call_command("seed_demo", photos=1, stdout=io.StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_publishes_a_walk_round_the_village_with_a_co_author(settings):
    call_command("seed_demo", photos=5, stdout=io.StringIO())
    trail = Trail.objects.get()
    assert trail.status == Trail.Status.PUBLISHED
    assert trail.title_cy == "Cerdded y pentref" and trail.title_en == "Walking the village"
    stops = list(trail.stops.order_by("position"))
    assert len(stops) == 4 and all(s.lat and s.lon and s.narrative_cy and s.narrative_en for s in stops)
    assert sorted(a.user.username for a in trail.authors.all()) == ["curator", "villager"]
    call_command("seed_demo", photos=5, stdout=io.StringIO())  # again: still one trail
    assert Trail.objects.count() == 1
