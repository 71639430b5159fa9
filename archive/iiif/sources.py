"""What goes into an item's manifest, read from the database in a few queries.

Two choices are made in exactly one function each (the rules themselves live in archive.access):

- :func:`manifest_descriptions` — which voices are published (the approved ones);
- :func:`region_tags` — which people and things are tagged on a region of a picture (approved tags).
"""
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from archive.access import descriptions_published, person_name_shown, region_tag_label, region_tags_published
from archive.models import Asset, Collection, Derivative, Description, Item, Person, Subject


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
# The columns a published region tag is read with: what its annotation and the consent rule
# (:func:`archive.access.person_name_shown`) use.
TAG_COLUMNS = ("id", "asset_id", "x", "y", "w", "h", "label", "language", "motivation", "person__id", "person__name",
               "person__living", "person__name_consent")


def manifest_descriptions(queryset: QuerySet) -> QuerySet:
    """The voices that are published in manifests, out of ``queryset``: the approved ones."""
    return descriptions_published(queryset)


def region_tags(item: Item) -> list[RegionTag]:
    """People and things tagged on regions of ``item``'s pictures: the approved tags (none on hidden pictures).

    Manifests are public documents, so a tag naming a living person whose consent is not recorded
    is labelled "a person" (Welsh "rhywun"), as visitors see it (:func:`archive.access.region_tag_label`).
    """
    tags = []
    published = (region_tags_published(item).select_related("person").order_by("asset_id", "y", "x", "id")
                 .only(*TAG_COLUMNS))
    for tag in published:
        if tag.person is not None and not person_name_shown(None, tag.person):
            label = {"en": [region_tag_label(None, tag, "en")], "cy": [region_tag_label(None, tag, "cy")]}
        elif tag.language in ("cy", "en"):
            label = {tag.language: [tag.label]}
        else:
            label = tag.label
        tags.append(RegionTag(tag.x, tag.y, tag.w, tag.h, label, tag.motivation, tag.asset_id))
    return tags


def item_for_manifest(item_id: int) -> Item | None:
    """The item with everything a manifest (and the item's JSON-LD and Content Search) shows, in a handful of
    queries (None if there is no such item).

    Related rows are read with only the columns these documents use (less for Django to compile and turn into
    objects); anything else is still read, lazily, when asked for. Access is not decided here: callers ask
    :mod:`archive.access` first.
    """
    voices = manifest_descriptions(
        Description.objects.select_related("author").order_by("created_at", "id")
        .only("id", "item_id", "kind", "text", "language", "teller_name", "created_at", "author__username",
              "author__display_name",
              "author__first_name", "author__last_name"))
    found = (
        Item.objects.filter(pk=item_id).order_by()  # one row by its key: no ORDER BY/LIMIT to compile
        .select_related("place", "contributor")
        .prefetch_related(
            Prefetch("people", queryset=Person.objects.only("id", "name", "living", "name_consent")),
            Prefetch("subjects", queryset=Subject.objects.only("id", "slug", "label_cy", "label_en", "approved")),
            Prefetch("collections", queryset=Collection.objects.only("id", "slug", "title_cy", "title_en")),
            Prefetch("descriptions", queryset=voices),
            Prefetch("assets", queryset=Asset.objects.order_by("position", "page", "id").only(
                "id", "item_id", "position", "page", "media_type", "width", "height")),
            Prefetch("assets__derivatives", queryset=Derivative.objects.only(
                "id", "asset_id", "kind", "path", "width", "height")),
        )
    )
    return next(iter(found), None)
