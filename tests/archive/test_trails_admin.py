"""The Django admin shows trails but does not change them: building goes through the builder's services."""
import pytest
from django.urls import reverse

from archive.models import Trail
from tests.trails import published_trail, ready_item


@pytest.mark.django_db
def test_the_admin_shows_a_trail_with_its_stops_and_refuses_to_change_or_delete_it(client, curator, villager):
    trail = published_trail(curator, [ready_item(villager, "The chapel"), ready_item(villager, "The pit")])
    curator.is_staff = curator.is_superuser = True
    curator.save()
    client.force_login(curator)
    listing = client.get(reverse("admin:archive_trail_changelist"))
    assert listing.status_code == 200 and "The chapel walk" in listing.content.decode()
    page = client.get(reverse("admin:archive_trail_change", args=[trail.pk]))
    assert page.status_code == 200 and "Stop 2" in page.content.decode()
    changed = client.post(reverse("admin:archive_trail_change", args=[trail.pk]), {"title_en": "Changed"})
    assert changed.status_code == 403
    assert client.post(reverse("admin:archive_trail_delete", args=[trail.pk]), {"post": "yes"}).status_code == 403
    trail.refresh_from_db()
    assert trail.title_en == "The chapel walk" and Trail.objects.count() == 1
