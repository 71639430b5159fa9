"""What goes into an item's manifest, read from the database in a few queries.

Two choices are made in exactly one function each, so that moderation (a later issue) changes
them in one place:

- :func:`manifest_descriptions` — which voices are published (every one, for now; approved ones later);
- :func:`region_tags` — which people and things are tagged on a region of a picture (approved tags).
"""
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from archive.access import descriptions_published, person_name_shown, region_tag_label, region_tags_published
from archive.models import Asset, Derivative, Description, Item


class RegionTag(NamedTuple):
    """Someone or something tagged on a region of a picture, in full-size pixels.

    ``motivation`` is ``"identifying"`` (who or what this is) or ``"tagging"`` (a keyword);
    ``label`` is a string (a name: no language) or a language map; ``asset_id`` picks the picture
    (the item's first one when None).
    """

    x: int
    y: int
    w: int
    h: int
    label: str | dict
    motivation: str = "identifying"
    asset_id: int | None = None


MOTIVATIONS = ("identifying", "tagging")


def manifest_descriptions(queryset: QuerySet) -> QuerySet:
    """The voices that are published in manifests, out of ``queryset``: the approved ones."""
    return descriptions_published(queryset)


def region_tags(item: Item) -> list[RegionTag]:
    """People and things tagged on regions of ``item``'s pictures: the approved tags (none on hidden pictures).

    Manifests are public documents, so a tag naming a living person whose consent is not recorded
    is labelled "a person" (Welsh "rhywun"), as visitors see it (:func:`archive.access.region_tag_label`).
    """
    tags = []
    for tag in region_tags_published(item).select_related("person").order_by("asset_id", "y", "x", "id"):
        if tag.person is not None and not person_name_shown(None, tag.person):
            label = {"en": [region_tag_label(None, tag, "en")], "cy": [region_tag_label(None, tag, "cy")]}
        elif tag.language in ("cy", "en"):
            label = {tag.language: [tag.label]}
        else:
            label = tag.label
        tags.append(RegionTag(tag.x, tag.y, tag.w, tag.h, label, tag.motivation, tag.asset_id))
    return tags


def item_for_manifest(item_id: int) -> Item | None:
    """The item with everything a manifest shows, in a handful of queries (None if there is no such item).

    Access is not decided here: callers ask :mod:`archive.access` first.
    """
    voices = manifest_descriptions(
        Description.objects.select_related("author").order_by("created_at", "id")
        .only("id", "item_id", "kind", "text", "language", "teller_name", "created_at", "author__username",
              "author__display_name",
              "author__first_name", "author__last_name"))
    return (
        Item.objects.filter(pk=item_id)
        .select_related("place", "contributor")
        .prefetch_related(
            "people", "subjects", "collections",
            Prefetch("descriptions", queryset=voices),
            Prefetch("assets", queryset=Asset.objects.order_by("position", "page", "id").prefetch_related(
                Prefetch("derivatives", queryset=Derivative.objects.all()))),
        )
        .first()
    )
