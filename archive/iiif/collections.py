"""The whole archive and each Cofio collection as IIIF collections, paged so that 100,000 items stay fast.

A collection with at most :data:`PAGE_SIZE` items lists its manifests itself. A bigger one lists
its pages — each a collection of up to PAGE_SIZE manifests, in the order items were added (oldest
first, so pages stay put as the archive grows) — and each page says it is ``partOf`` the whole.
A page costs two queries (a count, one page of items by primary key), whichever page it is, and
a third (their thumbnails) when its JSON is not cached yet: it is cached under the ids and
``updated_at`` of the items it lists (receivers move ``updated_at`` when a thumbnail or title changes).
Which items are listed is decided by :func:`archive.access.items_visible_to`.
"""
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet
from iiif_prezi3 import AnnotationBody, Class, CollectionRef, Homepage, ManifestRef
from iiif_prezi3 import Collection as IIIFCollection

from archive.access import items_visible_to
from archive.models import Collection, Derivative, Item

from .links import Links
from .presentation import language_map, nav_date, provider, to_json, words
from .objects import made

PAGE_SIZE = 500
BUILDER_VERSION = 1  # bump when the collections' shape changes, so that cached ones are not served
TIMEOUT = 3600


# --- Building collections (iiif-prezi3) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A manifest or a collection listed in a collection."""

    id: str
    label: dict
    type: str = "Manifest"
    thumbnail: tuple[str, int | None, int | None] | None = None


@dataclass
class CollectionSpec:
    """What a collection lists: the whole archive, a Cofio collection, a page of one, or a story trail."""

    id: str
    label: dict
    entries: list[Entry]
    summary: dict | None = None
    homepage: tuple[str, dict] | None = None  # (URL, label)
    part_of: list[tuple[str, dict]] = field(default_factory=list)  # (collection URL, label)
    behavior: list[str] | None = None
    rights: str | None = None
    nav_date: date | None = None


def _entry(entry: Entry):
    if entry.type == "Collection":
        return made(CollectionRef, id=entry.id, type="Collection", label=entry.label)
    thumbnail = None
    if entry.thumbnail:
        url, width, height = entry.thumbnail
        thumbnail = [made(AnnotationBody, id=url, type="Image", format="image/jpeg", width=width, height=height)]
    return made(ManifestRef, id=entry.id, type="Manifest", label=entry.label, thumbnail=thumbnail)


def collection_build(spec: CollectionSpec, links: Links) -> IIIFCollection:
    """A collection of manifests and collections."""
    homepage = None
    if spec.homepage:
        url, label = spec.homepage
        homepage = [made(Homepage, id=url, type="Text", format="text/html", label=label, language=["cy", "en"])]
    return made(IIIFCollection,
        id=spec.id, label=spec.label, summary=spec.summary, provider=provider(links), homepage=homepage,
        partOf=[Class(id=url, type="Collection", label=label) for url, label in spec.part_of] or None,
        behavior=spec.behavior, rights=spec.rights, navDate=nav_date(spec.nav_date),
        items=[_entry(entry) for entry in spec.entries],
    )


def collection_json(spec: CollectionSpec, links: Links) -> str:
    """A collection as JSON text."""
    return to_json(collection_build(spec, links))


class NoSuchPage(LookupError):
    """A page number past the last page."""


@dataclass(frozen=True)
class Paging:
    """Which page of how many."""

    total: int
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        """How many pages (at least one, even when empty)."""
        return max(1, -(-self.total // self.page_size))

    @property
    def paged(self) -> bool:
        """Whether the items are listed on separate pages."""
        return self.total > self.page_size

    def bounds(self, page: int) -> tuple[int, int]:
        """The 1-based numbers of the first and last item on ``page``."""
        first = (page - 1) * self.page_size + 1
        return first, min(self.total, page * self.page_size)


def _rows(items: QuerySet) -> list[dict]:
    """One page of items: what an entry shows, and ``updated_at`` (which moves whenever any of it changes)."""
    return list(items.values("id", "title_cy", "title_en", "accession_number", "updated_at"))


def _entries(rows: list[dict], links: Links) -> list[Entry]:
    """Manifest entries for one page of items, with their thumbnails (one query)."""
    thumbnails = {}
    for item_id, path, width, height in (
            Derivative.objects.filter(asset__item_id__in=[r["id"] for r in rows], kind=Derivative.Kind.THUMBNAIL,
                                      asset__item__image_hidden=False)  # pictures hidden: listed without one
            .order_by("-asset__position", "-asset__page", "-asset_id")
            .values_list("asset__item_id", "path", "width", "height")):
        thumbnails[item_id] = (links.media(path), width, height)  # ordered last-first: the first asset wins
    return [Entry(links.manifest(row["id"]),
                  language_map(cy=row["title_cy"], en=row["title_en"])
                  or language_map(none=row["accession_number"] or "") or words("untitled"),
                  thumbnail=thumbnails.get(row["id"]))
            for row in rows]


def _page(items: QuerySet, paging: Paging, page: int) -> QuerySet:
    first, last = paging.bounds(page)
    return items.order_by("id")[first - 1:last]


def _listing(user, queryset: QuerySet | None = None) -> QuerySet:
    return items_visible_to(user, queryset).filter(status=Item.Status.READY)


def _page_label(paging: Paging, page: int) -> dict:
    first, last = paging.bounds(page)
    return words("items_range", first=first, last=last)


def _cached(links: Links, key: tuple, build) -> str:
    """The JSON ``build()`` makes, cached under everything it is made from (so a change is a new key)."""
    digest = hashlib.sha256(repr((BUILDER_VERSION, links.base, key)).encode()).hexdigest()[:32]
    name = f"iiif:collection:{digest}"
    body = cache.get(name)
    if body is None:
        body = build()
        cache.set(name, body, TIMEOUT)
    return body


@dataclass
class _Whole:
    """A collection as a whole: the archive, or a Cofio collection."""

    id: str
    label: dict
    page_url: Callable[[int], str]
    summary: dict | None = None
    homepage: tuple[str, dict] | None = None
    part_of: list[tuple[str, dict]] = field(default_factory=list)
    first_entries: list[Entry] = field(default_factory=list)  # listed before the items (sub-collections)

    def spec(self, entries: list[Entry], behavior=None) -> CollectionSpec:
        return CollectionSpec(id=self.id, label=self.label, summary=self.summary, homepage=self.homepage,
                              part_of=self.part_of, entries=self.first_entries + entries, behavior=behavior)


def _collection_json(whole: _Whole, items: QuerySet, links: Links, page: int | None) -> str:
    """The whole (its items, or its pages when there are more than PAGE_SIZE), or one page, as JSON.

    Costs a count and one page of rows; the JSON itself is cached under what it is made from.
    """
    paging = Paging(items.count(), PAGE_SIZE)
    if page is not None:
        if not paging.paged or not 1 <= page <= paging.pages:
            raise NoSuchPage(page)
        rows = _rows(_page(items, paging, page))
        spec = lambda: CollectionSpec(id=whole.page_url(page), label=_page_label(paging, page),  # noqa: E731
                                      entries=_entries(rows, links), part_of=[(whole.id, whole.label)])
        key = ("page", whole.id, whole.label, page, paging.total, [(r["id"], r["updated_at"]) for r in rows])
        return _cached(links, key, lambda: collection_json(spec(), links))
    if paging.paged:
        pages = lambda: [Entry(whole.page_url(n), _page_label(paging, n), type="Collection")  # noqa: E731
                         for n in range(1, paging.pages + 1)]
        key = ("paged", repr(whole), paging.total)
        return _cached(links, key, lambda: collection_json(whole.spec(pages(), ["multi-part"]), links))
    rows = _rows(items.order_by("id"))
    key = ("whole", repr(whole), [(r["id"], r["updated_at"]) for r in rows])
    return _cached(links, key, lambda: collection_json(whole.spec(_entries(rows, links)), links))


def _collection_label(collection: Collection) -> dict:
    return language_map(cy=collection.title_cy, en=collection.title_en) or language_map(none=collection.slug)


def archive_collection(user, links: Links, page: int | None = None) -> str:
    """The whole archive (what ``user`` may see), or one page of it, as JSON.

    The whole lists the Cofio collections first, then its items (or their pages).
    """
    collections = [Entry(links.collection(c.slug), _collection_label(c), type="Collection")
                   for c in Collection.objects.order_by("title_en", "title_cy", "slug")] if page is None else []
    whole = _Whole(id=links.archive(), label=words("all_items"), page_url=links.archive, summary=words("archive"),
                   homepage=(links.home, words("archive")), first_entries=collections)
    return _collection_json(whole, _listing(user), links, page)


def cofio_collection(collection: Collection, user, links: Links, page: int | None = None) -> str:
    """A Cofio collection (what ``user`` may see of it), or one page of it, as JSON."""
    whole = _Whole(id=links.collection(collection.slug), label=_collection_label(collection),
                   page_url=lambda n: links.collection(collection.slug, n),
                   summary=language_map(cy=collection.description_cy, en=collection.description_en),
                   part_of=[(links.archive(), words("all_items"))])
    return _collection_json(whole, _listing(user, Item.objects.filter(collections=collection)), links, page)
