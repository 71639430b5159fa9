"""Which items are indexed, and the search document made for each one.

Three small functions decide what goes in, so that later rules plug in at one place each:
:func:`items_to_index` (the access rules: what a visitor may see), :func:`descriptions_to_index`
(the approved voices) and :func:`story_trails_of` (the published story trails that show an item
to visitors).

Published story trails are indexed too, in the same index (``type: "trail"``, document id
``trail-<id>``): :func:`trails_to_index` and :func:`trail_documents_for`. A trail's document holds
what a visitor is shown of it (:func:`archive.trail_selectors.trail_stops_for` for an anonymous
reader), so a stop whose item is hidden gives its narrative but never the item's title.
"""
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from elasticsearch_dsl import Index

from archive.access import (
    descriptions_published, items_visible_to, person_label_both, person_name_shown, stop_item_shown, trails_visible_to,
)
from archive.dates import centre_decade
from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Stop, Subject, Trail, User
from archive.trail_selectors import trail_authors, trail_stops_for

from . import registry

MAX_YEARS = 200  # a date range longer than this is indexed by its first 200 years


def items_to_index(queryset: QuerySet | None = None) -> QuerySet:
    """Items the index holds, out of ``queryset``: those a visitor may see (public, ready), by the archive's rules."""
    return items_visible_to(AnonymousUser(), queryset)


def descriptions_to_index(queryset: QuerySet) -> QuerySet:
    """The descriptions (voices) that are indexed, out of ``queryset``: the approved ones."""
    return descriptions_published(queryset)


def story_trails_of(item_ids) -> dict[int, list[Trail]]:
    """``{item_id: [trails]}``: the published story trails with a stop that shows the item to visitors (a stop
    that is a placeholder for them does not count), each trail once, by id."""
    found: dict[int, dict[int, Trail]] = defaultdict(dict)
    stops = (Stop.objects.filter(item_id__in=list(item_ids), trail__in=trails_to_index())
             .select_related("trail", "item").order_by("trail_id", "position"))
    visitor = AnonymousUser()
    for stop in stops:
        if stop_item_shown(visitor, stop):
            found[stop.item_id].setdefault(stop.trail_id, stop.trail)
    return {item_id: list(trails.values()) for item_id, trails in found.items()}


def trails_to_index(queryset: QuerySet | None = None) -> QuerySet:
    """Trails the index holds, out of ``queryset``: those a visitor may see (published), by the archive's rules."""
    return trails_visible_to(AnonymousUser(), queryset)


TRAIL_PREFIX = "trail-"


def trail_document_id(trail_id: int) -> str:
    """The index's id of a trail's document (items' are their ids as they are)."""
    return f"{TRAIL_PREFIX}{int(trail_id)}"


def trail_documents_for(trail_ids) -> dict[int, dict]:
    """Search documents for those of ``trail_ids`` that are to be indexed (published), by id.

    Title and introduction, and for each stop what a visitor is shown: its narrative and directions and,
    unless the stop is a placeholder, its item's title; the authors' names. Drafts get no document.
    """
    wanted = {int(pk) for pk in trail_ids}
    if not wanted:
        return {}
    visitor, documents = AnonymousUser(), {}
    trails = trails_to_index(Trail.objects.filter(pk__in=wanted)).prefetch_related("authors__user")
    for trail in trails:
        texts: dict[str, list[str]] = {"cy": [], "en": []}
        for language in texts:
            texts[language].append(getattr(trail, f"introduction_{language}"))
        for stop in trail_stops_for(visitor, trail):
            for language in texts:
                texts[language] += [stop.title.get(language, ""), stop.narrative.get(language, ""),
                                    stop.directions.get(language, "")]
        documents[trail.pk] = {
            "id": trail.pk,
            "type": "trail",
            "title_cy": trail.title_cy, "title_en": trail.title_en,
            "text_cy": [t for t in texts["cy"] if t], "text_en": [t for t in texts["en"] if t], "text_other": [],
            "contributor": [author["name"] for author in trail_authors(trail)],
            "added": (trail.published_at or trail.created_at).isoformat(),
        }
    return documents


def index_definition(name: str) -> Index:
    """The DSL definition of a new index called ``name``: settings, analysers and the registry's mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.SEARCH_REPLICAS,
                   refresh_interval=settings.SEARCH_REFRESH_INTERVAL)
    index.mapping(registry.mapping())
    return index


def years_of(start: date | None, end: date | None) -> list[int]:
    """Every year a date range touches (one year when only one end is known)."""
    if not start and not end:
        return []
    first, last = (start or end).year, (end or start).year
    return list(range(first, min(last, first + MAX_YEARS - 1) + 1))


def _decade(start: date | None, end: date | None) -> str | None:
    """The one decade the item is counted in ("1950"), or None when undated."""
    decade = centre_decade(start, end)
    return None if decade is None else str(decade)


def ids_condition(item_ids: list[int], field: str = "item_id") -> Q:
    """Rows whose ``field`` is one of ``item_ids`` (or, when the ids are dense, as when a rebuild reads items in
    order, a few more: a range costs the database and the driver far less than a thousand parameters; callers
    keep only the rows they asked for)."""
    low, high = min(item_ids), max(item_ids)
    if len(item_ids) >= 50 and high - low < 2 * len(item_ids):
        return Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return Q(**{f"{field}__in": item_ids})


def _kept(rows, item_ids: set[int]):
    """The rows (tuples beginning with an item id) that belong to ``item_ids``."""
    return [row for row in rows if row[0] in item_ids]


def _related(through, column: str, model, item_ids: list[int]) -> dict[int, list]:
    """``{item_id: [objects]}`` through a many-to-many table, in two queries."""
    pairs = _kept(through.objects.filter(ids_condition(item_ids)).values_list("item_id", column), set(item_ids))
    objects = model.objects.in_bulk({pk for _, pk in pairs})
    related = defaultdict(list)
    for item_id, pk in pairs:
        if pk in objects:
            related[item_id].append(objects[pk])
    return related


def _vocabulary(obj, names_field: str, names: list[str]) -> dict:
    return {"id": str(obj.pk), "key": registry.vocabulary_key(obj), names_field: [n for n in names if n]}


def documents_for(item_ids) -> dict[int, dict]:
    """Search documents for those of ``item_ids`` that are to be indexed, by id (in about ten queries).

    Items not in :func:`items_to_index` get no document: they must not be in the index.
    """
    wanted = {int(pk) for pk in item_ids}
    if not wanted:
        return {}
    rows = [row for row in items_to_index().filter(ids_condition(sorted(wanted), "pk")).order_by().values(
        "id", "accession_number", "title_cy", "title_en", "date_text", "date_start", "date_end", "licence",
        "created_at", "place_id", "contributor_id", "image_hidden") if row["id"] in wanted]
    if not rows:
        return {}
    ids = [row["id"] for row in rows]
    places = Place.objects.in_bulk({row["place_id"] for row in rows if row["place_id"]})
    people = _related(Item.people.through, "person_id", Person, ids)
    subjects = _related(Item.subjects.through, "subject_id", Subject, ids)
    collections = _related(Item.collections.through, "collection_id", Collection, ids)
    texts = defaultdict(lambda: defaultdict(list))
    voices = descriptions_to_index(Description.objects.filter(ids_condition(ids)))
    for item_id, language, text in _kept(voices.values_list("item_id", "language", "text"), set(ids)):
        texts[item_id][language if language in ("cy", "en") else "other"].append(text)
    media_types = defaultdict(set)
    # order_by(): Asset's default order sorts by item, which would join and sort the items too
    assets = Asset.objects.filter(ids_condition(ids)).order_by().values_list("item_id", "media_type")
    for item_id, media_type in _kept(assets, set(ids)):
        if media_type:
            media_types[item_id].add(media_type)
    thumbnails = {}
    pictured = [row["id"] for row in rows if not row["image_hidden"]]  # pictures hidden: no thumbnail
    if pictured:
        thumbnail_rows = (Derivative.objects.filter(ids_condition(pictured, "asset__item_id"),
                                                    kind=Derivative.Kind.THUMBNAIL)
                          .order_by("asset__position", "asset_id").values_list("asset__item_id", "path"))
        for item_id, path in _kept(thumbnail_rows, set(pictured)):
            thumbnails.setdefault(item_id, path)
    credits = {user.pk: user.credit_name for user in User.objects.filter(pk__in={r["contributor_id"] for r in rows})}
    stories = story_trails_of(ids)
    vocabulary = _Vocabulary()  # each place, person, subject or collection built once per call

    documents = {}
    for row in rows:
        pk, place = row["id"], places.get(row["place_id"])
        documents[pk] = {
            "id": pk,
            "type": "item",
            "accession": row["accession_number"],
            "title_cy": row["title_cy"], "title_en": row["title_en"],
            "text_cy": texts[pk]["cy"], "text_en": texts[pk]["en"], "text_other": texts[pk]["other"],
            "people": _people(people[pk], vocabulary),
            "place": vocabulary.place(place) if place else None,
            # Approved subjects only (a proposal is shown to no visitor); aliases (the labels of merged
            # duplicates) are searched like place variants, so old searches still find the items.
            "subjects": [vocabulary.subject(s) for s in subjects[pk] if s.approved],
            "collections": [vocabulary.collection(c) for c in collections[pk]],
            "contributor": credits.get(row["contributor_id"], ""),
            "date_text": row["date_text"],
            "date_start": row["date_start"], "date_end": row["date_end"],
            "years": years_of(row["date_start"], row["date_end"]),
            "decade": _decade(row["date_start"], row["date_end"]),
            "licence": row["licence"],
            "media_type": sorted(media_types[pk]),
            "has_story": pk in stories,
            "trails": [vocabulary.trail(t) for t in stories.get(pk, ())],
            "added": row["created_at"].isoformat(),
            "thumbnail": thumbnails.get(pk),
        }
    return documents


def _people(people: list[Person], vocabulary: "_Vocabulary") -> list[dict]:
    """The people an item names, as visitors may see them (:func:`archive.access.person_name_shown`).

    A living person whose consent to be named is not recorded is indexed as "a person" ("rhywun"):
    no name, no variants, no id or key, so they are in no facet and no suggestion.
    """
    shown = [vocabulary.person(p) for p in people if person_name_shown(None, p)]
    hidden = [p for p in people if not person_name_shown(None, p)]
    if hidden:
        labels = person_label_both(hidden[0])
        shown.append({"names": [labels["en"], labels["cy"]]})
    return shown


class _Vocabulary:
    """The document parts of places, people, subjects and collections, each built once (many items share them).

    Documents share these dicts: they are only serialised, never changed.
    """

    def __init__(self):
        self.built: dict[tuple, dict] = {}

    def _once(self, obj, build) -> dict:
        key = (type(obj), obj.pk)
        if key not in self.built:
            self.built[key] = build(obj)
        return self.built[key]

    def person(self, person: Person) -> dict:
        """A named person: id, key and names."""
        return self._once(person, lambda p: _vocabulary(p, "names", [p.name, *p.variants]))

    def place(self, place: Place) -> dict:
        """A place: id, key, names and where it is."""
        return self._once(place, _place)

    def subject(self, subject: Subject) -> dict:
        """A subject: id, key and labels (its aliases too)."""
        return self._once(subject, lambda s: _vocabulary(s, "labels", [s.label_cy, s.label_en, *s.aliases]))

    def collection(self, collection: Collection) -> dict:
        """A collection: id, key and titles."""
        return self._once(collection, lambda c: _vocabulary(c, "titles", [c.title_cy, c.title_en]))

    def trail(self, trail: Trail) -> dict:
        """A published story trail an item is on: id and key (its titles)."""
        return self._once(trail, lambda t: {"id": str(t.pk), "key": registry.vocabulary_key(t)})


def _place(place: Place) -> dict:
    document = _vocabulary(place, "names", place.all_names())
    if place.latitude is not None and place.longitude is not None:
        document["location"] = {"lat": place.latitude, "lon": place.longitude}
    return document
