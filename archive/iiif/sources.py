"""What goes into an item's manifest, read from the database in a few queries (:func:`item_for_manifest`).

Two choices are made in exactly one place each (the rules themselves live in archive.access):

- :func:`manifest_descriptions` — which voices are published (the approved ones);
- ``_TAGS`` with :func:`archive.access.region_tags_published_on` — which people and things are tagged on a
  region of a picture (approved tags, none while the pictures are hidden).

Every manifest built asks the same eight queries with another item's id, so they are compiled by Django once
and then only run, together (:mod:`archive.iiif.queries`).
"""
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import QuerySet

from archive import models
from archive.access import (
    descriptions_published, person_name_shown, region_tag_label, region_tags_published, region_tags_published_on,
)
from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Subject, User
from archive.selectors import subject_shown

from .queries import ItemQuery, rows_together


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


def _columns(model, *names: str) -> list[str]:
    """``names`` (attribute names of ``model``'s columns) in the model's own order, as ``Model.from_db`` takes them."""
    return [f.attname for f in model._meta.concrete_fields if f.attname in names]


PERSON = _columns(Person, "id", "name", "living", "name_consent")
SUBJECT = _columns(Subject, "id", "slug", "label_cy", "label_en", "approved")
COLLECTION = _columns(Collection, "id", "slug", "title_cy", "title_en")
VOICE = _columns(Description, "id", "item_id", "kind", "text", "language", "teller_name", "created_at", "author_id")
AUTHOR = _columns(User, "id", "username", "first_name", "last_name", "display_name")  # and contributors
ASSET = _columns(Asset, "id", "item_id", "position", "page", "media_type", "width", "height")
DERIVATIVE = _columns(Derivative, "id", "asset_id", "kind", "path", "width", "height")

ITEM = _columns(Item, "id", "title_cy", "title_en", "accession_number", "date_text", "date_start", "date_end", "licence",
               "image_hidden", "purged_at", "featured_description_id", "updated_at", "place_id",
               "contributor_id")
PLACE = _columns(Place, "id", "name_cy", "name_en", "latitude", "longitude")

_ITEM = ItemQuery(lambda pk: Item.objects.filter(pk=pk).order_by().values_list(
    *ITEM, *(f"place__{name}" for name in PLACE), *(f"contributor__{name}" for name in AUTHOR)))
_PEOPLE = ItemQuery(lambda pk: Person.objects.filter(items=pk).order_by("name", "id").values_list(*PERSON))
_SUBJECTS = ItemQuery(lambda pk: Subject.objects.filter(items=pk).order_by("label_en", "id").values_list(*SUBJECT))
_COLLECTIONS = ItemQuery(lambda pk: Collection.objects.filter(items=pk).order_by("title_en", "id")
                          .values_list(*COLLECTION))
_VOICES = ItemQuery(lambda pk: manifest_descriptions(Description.objects.filter(item_id=pk))
                     .order_by("created_at", "id").values_list(*VOICE, *(f"author__{name}" for name in AUTHOR)))
_ASSETS = ItemQuery(lambda pk: Asset.objects.filter(item_id=pk).order_by("position", "page", "id").values_list(*ASSET))
_DERIVATIVES = ItemQuery(lambda pk: Derivative.objects.filter(asset__item_id=pk).order_by("id")
                          .values_list(*DERIVATIVE))
# A published region tag with what its annotation and the consent rule (archive.access.person_name_shown) use.
# The rule's part that depends on the item itself (region_tags_published_on) is asked for each item: region_tags.
TAG = _columns(models.RegionTag, "id", "item_id", "asset_id", "x", "y", "w", "h", "label", "language", "motivation",
               "person_id")
_TAGS = ItemQuery(lambda pk: region_tags_published(Item(pk=pk)).order_by("asset_id", "y", "x", "id")
                   .values_list(*TAG, *(f"person__{name}" for name in PERSON)))


def _region_tags(database: str, rows: list[tuple]) -> list[RegionTag]:
    """People and things tagged on regions of the item's pictures, from the published tags' rows.

    Manifests are public documents, so a tag naming a living person whose consent is not recorded
    is labelled "a person" (Welsh "rhywun"), as visitors see it (:func:`archive.access.region_tag_label`).
    """
    tags = []
    for row in rows:
        tag = models.RegionTag.from_db(database, TAG, row[:len(TAG)])
        person = row[len(TAG):]
        tag.person = Person.from_db(database, PERSON, person) if person[0] is not None else None
        if tag.person is not None and not person_name_shown(None, tag.person):
            label = {"en": [region_tag_label(None, tag, "en")], "cy": [region_tag_label(None, tag, "cy")]}
        elif tag.language in ("cy", "en"):
            label = {tag.language: [tag.label]}
        else:
            label = tag.label
        tags.append(RegionTag(tag.x, tag.y, tag.w, tag.h, label, tag.motivation, tag.asset_id))
    return tags


@dataclass(frozen=True)
class ItemSource:
    """An item with everything its manifest, its JSON-LD and its Content Search show (:func:`item_for_manifest`).

    Related rows are model instances holding only the columns these documents use (anything else is
    read, lazily, if asked for).
    """

    item: Item
    people: list[Person]
    subjects: list[Subject]  # the ones shown (archive.selectors.subject_shown)
    collections: list[Collection]
    voices: list[Description]  # the published ones (manifest_descriptions), oldest first, each with its author
    assets: list[Asset]  # in order: position, page
    derivatives: dict[int, dict[str, Derivative]] = field(default_factory=dict)  # asset id → kind → derivative
    tags: list[RegionTag] = field(default_factory=list)  # the published region tags (_TAGS)

    @property
    def pk(self) -> int:
        """The item's id."""
        return self.item.pk


def _item(database: str, rows: list[tuple]) -> Item | None:
    """The item's row with its place and contributor (only the columns these documents show)."""
    if not rows:
        return None
    row, place_at, contributor_at = rows[0], len(ITEM), len(ITEM) + len(PLACE)
    item = Item.from_db(database, ITEM, row[:place_at])
    place, contributor = row[place_at:contributor_at], row[contributor_at:]
    item.place = Place.from_db(database, PLACE, place) if place[0] is not None else None
    item.contributor = User.from_db(database, AUTHOR, contributor)
    return item


def _voices(database: str, rows: list[tuple]) -> list[Description]:
    voices, authors = [], {}
    for row in rows:
        voice = Description.from_db(database, VOICE, row[:len(VOICE)])
        author = row[len(VOICE):]
        if author[0] not in authors:
            authors[author[0]] = User.from_db(database, AUTHOR, author)
        voice.author = authors[author[0]]
        voices.append(voice)
    return voices


def _derivatives(database: str, rows: list[tuple]) -> dict[int, dict[str, Derivative]]:
    made: dict[int, dict[str, Derivative]] = {}
    for row in rows:
        derivative = Derivative.from_db(database, DERIVATIVE, row)
        made.setdefault(derivative.asset_id, {})[derivative.kind] = derivative
    return made


def item_for_manifest(item_id: int) -> ItemSource | None:
    """The item with everything a manifest (and the item's JSON-LD and Content Search) shows (None if there is
    no such item): eight queries, sent together where the database allows.

    Access is not decided here: callers ask :mod:`archive.access` first.
    """
    database = Item.objects.db
    rows = rows_together([_ITEM, _PEOPLE, _SUBJECTS, _COLLECTIONS, _VOICES, _ASSETS, _DERIVATIVES, _TAGS], item_id)
    item = _item(database, rows[0])
    if item is None:
        return None
    people, subjects, collections, voices, assets, derivatives, tags = rows[1:]
    return ItemSource(
        item=item,
        people=[Person.from_db(database, PERSON, row) for row in people],
        subjects=[s for s in (Subject.from_db(database, SUBJECT, row) for row in subjects) if subject_shown(s)],
        collections=[Collection.from_db(database, COLLECTION, row) for row in collections],
        voices=_voices(database, voices),
        assets=[Asset.from_db(database, ASSET, row) for row in assets],
        derivatives=_derivatives(database, derivatives),
        tags=_region_tags(database, tags) if region_tags_published_on(item) else [],
    )
