"""What goes into an item's manifest, read from the database in a few queries (:func:`item_for_manifest`).

Two choices are made in exactly one function each (the rules themselves live in archive.access):

- :func:`manifest_descriptions` — which voices are published (the approved ones);
- :func:`region_tags` — which people and things are tagged on a region of a picture (approved tags).

Every manifest built asks the same eight queries with another item's id, so they are compiled by Django once
and then only run (:class:`_ItemQuery`): they took Django longer to compile than PostgreSQL to answer.
"""
import threading
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from django.db import connections
from django.db.models import QuerySet

from archive import models
from archive.access import (
    descriptions_published, person_name_shown, region_tag_label, region_tags_published, region_tags_published_on,
)
from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Subject, User
from archive.selectors import subject_shown


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


class _ItemQuery:
    """A query about one item whose SQL depends on nothing but the item's id, compiled by Django once (per
    process, thread and database) and then run again for each item; rows are converted exactly as Django
    converts them.

    A manifest asks six such queries whenever it is built, and compiling them costs Django several times
    more than PostgreSQL takes to answer. The query is compiled twice with two different ids as a check:
    anything else that differs between the two (the time, say) is refused, not frozen.
    """

    MARKERS = (-7_340_000_001, -7_340_000_002)  # ids no row has: where each compilation put the item's id

    def __init__(self, make: Callable[[int], QuerySet]):
        self.make = make
        self.local = threading.local()

    def _compile(self):
        compiled = []
        for marker in self.MARKERS:
            queryset = self.make(marker)
            compiler = queryset.query.get_compiler(queryset.db)
            sql, params = compiler.as_sql()
            compiled.append((compiler, sql, list(params), [n for n, value in enumerate(params) if value == marker]))
        (compiler, sql, params, places), (_, other_sql, other_params, other_places) = compiled
        unchanged = [value for n, value in enumerate(params) if n not in places]
        if (not places or places != other_places or sql != other_sql
                or unchanged != [value for n, value in enumerate(other_params) if n not in places]):
            raise ValueError("this query depends on more than the item's id; it cannot be compiled once")
        return compiler, sql, params, places

    def rows(self, item_id: int) -> list[tuple]:
        """The query's rows for item ``item_id``, as ``values_list()`` would give them."""
        compiled = getattr(self.local, "compiled", None)
        if compiled is None or compiled[0].connection is not connections[compiled[0].using]:
            compiled = self.local.compiled = self._compile()
        compiler, sql, params, places = compiled
        params = [item_id if n in places else value for n, value in enumerate(params)]
        with compiler.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return list(compiler.results_iter(results=[rows], tuple_expected=True))


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

_ITEM = _ItemQuery(lambda pk: Item.objects.filter(pk=pk).order_by().values_list(
    *ITEM, *(f"place__{name}" for name in PLACE), *(f"contributor__{name}" for name in AUTHOR)))
_PEOPLE = _ItemQuery(lambda pk: Person.objects.filter(items=pk).order_by("name", "id").values_list(*PERSON))
_SUBJECTS = _ItemQuery(lambda pk: Subject.objects.filter(items=pk).order_by("label_en", "id").values_list(*SUBJECT))
_COLLECTIONS = _ItemQuery(lambda pk: Collection.objects.filter(items=pk).order_by("title_en", "id")
                          .values_list(*COLLECTION))
_VOICES = _ItemQuery(lambda pk: manifest_descriptions(Description.objects.filter(item_id=pk))
                     .order_by("created_at", "id").values_list(*VOICE, *(f"author__{name}" for name in AUTHOR)))
_ASSETS = _ItemQuery(lambda pk: Asset.objects.filter(item_id=pk).order_by("position", "page", "id").values_list(*ASSET))
_DERIVATIVES = _ItemQuery(lambda pk: Derivative.objects.filter(asset__item_id=pk).order_by("id")
                          .values_list(*DERIVATIVE))
# A published region tag with what its annotation and the consent rule (archive.access.person_name_shown) use.
# The rule's part that depends on the item itself (region_tags_published_on) is asked for each item: region_tags.
TAG = _columns(models.RegionTag, "id", "item_id", "asset_id", "x", "y", "w", "h", "label", "language", "motivation",
               "person_id")
_TAGS = _ItemQuery(lambda pk: region_tags_published(Item(pk=pk)).order_by("asset_id", "y", "x", "id")
                   .values_list(*TAG, *(f"person__{name}" for name in PERSON)))


def region_tags(item: Item) -> list[RegionTag]:
    """People and things tagged on regions of ``item``'s pictures: the approved tags (none on hidden pictures).

    Manifests are public documents, so a tag naming a living person whose consent is not recorded
    is labelled "a person" (Welsh "rhywun"), as visitors see it (:func:`archive.access.region_tag_label`).
    """
    if not region_tags_published_on(item):
        return []
    tags, database = [], item._state.db or Item.objects.db
    for row in _TAGS.rows(item.pk):
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

    @property
    def pk(self) -> int:
        """The item's id."""
        return self.item.pk


def _voices(database: str, item_id: int) -> list[Description]:
    voices, authors = [], {}
    for row in _VOICES.rows(item_id):
        voice = Description.from_db(database, VOICE, row[:len(VOICE)])
        author = row[len(VOICE):]
        if author[0] not in authors:
            authors[author[0]] = User.from_db(database, AUTHOR, author)
        voice.author = authors[author[0]]
        voices.append(voice)
    return voices


def _item(database: str, item_id: int) -> Item | None:
    """The item's row with its place and contributor (only the columns these documents show)."""
    rows = _ITEM.rows(item_id)
    if not rows:
        return None
    row, place_at, contributor_at = rows[0], len(ITEM), len(ITEM) + len(PLACE)
    item = Item.from_db(database, ITEM, row[:place_at])
    place, contributor = row[place_at:contributor_at], row[contributor_at:]
    item.place = Place.from_db(database, PLACE, place) if place[0] is not None else None
    item.contributor = User.from_db(database, AUTHOR, contributor)
    return item


def item_for_manifest(item_id: int) -> ItemSource | None:
    """The item with everything a manifest (and the item's JSON-LD and Content Search) shows, in seven
    queries (None if there is no such item); its region tags are read when they are built (:func:`region_tags`).

    Access is not decided here: callers ask :mod:`archive.access` first.
    """
    database = Item.objects.db
    item = _item(database, item_id)
    if item is None:
        return None
    derivatives: dict[int, dict[str, Derivative]] = {}
    for row in _DERIVATIVES.rows(item_id):
        made = Derivative.from_db(database, DERIVATIVE, row)
        derivatives.setdefault(made.asset_id, {})[made.kind] = made
    return ItemSource(
        item=item,
        people=[Person.from_db(database, PERSON, row) for row in _PEOPLE.rows(item_id)],
        subjects=[s for s in (Subject.from_db(database, SUBJECT, row) for row in _SUBJECTS.rows(item_id))
                  if subject_shown(s)],
        collections=[Collection.from_db(database, COLLECTION, row) for row in _COLLECTIONS.rows(item_id)],
        voices=_voices(database, item_id),
        assets=[Asset.from_db(database, ASSET, row) for row in _ASSETS.rows(item_id)],
        derivatives=derivatives,
    )
