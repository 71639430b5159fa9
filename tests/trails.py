"""Shared pieces for trail tests: items ready to be put on a stop, without running the ingest pipeline."""
import hashlib

from archive.licences import LICENCES
from archive.models import Asset, Item, Trail
from archive.services.trails import stop_add, trail_create, trail_publish


def ready_item(contributor, title="The chapel", width=800, height=600, place=None, **fields) -> Item:
    """A ready, approved, public item with one picture of ``width`` × ``height`` (its file is not stored)."""
    item = Item.objects.create(contributor=contributor, licence=LICENCES[0].uri, consent=True, moderation="approved",
                               status=Item.Status.READY, title_en=title, place=place, **fields)
    digest = hashlib.sha256(f"{item.pk}{title}".encode()).hexdigest()
    Asset.objects.create(item=item, original=f"originals/{digest}.jpg", original_filename=f"{title}.jpg",
                         size_bytes=1000, sha256=digest, media_type="image/jpeg", width=width, height=height)
    return item


def published_trail(curator, items, title=None) -> Trail:
    """A published trail by ``curator`` with one stop per item (narratives "Stop 1", "Stop 2", …)."""
    trail = trail_create(curator, title=title or {"en": "The chapel walk", "cy": "Taith y capel"},
                         introduction={"en": "A walk round the village.", "cy": "Taith o gwmpas y pentref."})
    for n, item in enumerate(items, start=1):
        stop_add(trail, curator, item=item, narrative={"en": f"Stop {n}", "cy": f"Arhosfan {n}"})
    return trail_publish(trail, curator)
