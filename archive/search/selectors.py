"""Searches, suggestions and "more like this", checked against the database before anything is shown.

The index lags behind the database: an item just withdrawn or made private may still be in it, and an
engine shows a removal only after its next refresh. So every answer leaves out the items the database
says may still be there although no longer public (:func:`hidden_item_ids`): changed and not yet
re-indexed (``pending`` in the outbox), or taken out of the index less than :data:`REMOVAL_SHOWN_WITHIN`
ago. A search asks that while the engine is answering, and asks the engine again if what it left out
was not that. Every change that can hide an item goes through the outbox in the same transaction
(``archive.changes``); a change made behind the application's back (SQL by hand) is seen by search
after ``manage.py search_reindex``.

Why remembering a removal for :data:`REMOVAL_SHOWN_WITHIN` is enough: the engine can have read an item
already removed only if its search began before the removal became visible, that is before the removal
was written plus one refresh interval; so the database, read during the same request, lists the item as
removed less than (the request's time so far + one refresh interval) ago. A search that has taken too
long for that bound, or an index that never refreshes, has its hits checked against the access rules.

Published story trails share the index (``type: "trail"``) and follow the same rules through their own
outbox (:class:`~archive.search.models.TrailIndexState`): a trail returned to draft is left out at once.
Trail hits are few and always read from the database before they are shown (:func:`trail_cards`).
"""
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, Now
from elasticsearch_dsl import Search
from elasticsearch_dsl.response import Response

from archive.models import Derivative, Item, Trail
from archive.trail_selectors import trail_covers_for

from . import engine
from .documents import TRAIL_PREFIX, documents_for, items_to_index, trails_to_index
from .models import IndexState, TrailIndexState
from .query import SearchQuery, build_more_like_this, build_suggest, search_body
from .results import Hit, SearchResults, Suggestion, facets_from, geo_from, hits_from, perhaps_from, suggestions_from
from .synonyms import query_alternatives

REMOVAL_SHOWN_WITHIN = timedelta(minutes=2)  # how long after a removal searches still leave the item out

_hidden_sql: dict[str, tuple[str, tuple]] = {}  # database alias → the SQL of _hidden(), compiled once
_hidden_documents_sql: dict[str, tuple[str, tuple]] = {}  # … and of _hidden_documents()


def _hidden():
    """Items that may still be in the index but must not be shown (see the module's docstring)."""
    return (IndexState.objects
            .filter(Q(pending=True) | Q(removed_at__gte=Now() - Value(REMOVAL_SHOWN_WITHIN)))
            .filter(~Exists(items_to_index().filter(pk=OuterRef("item_id"))))
            .values_list("item_id", flat=True))


def hidden_item_ids() -> set[int]:
    """Items that may still be in the index but must not be shown now: one query, compiled once per process."""
    if connection.alias not in _hidden_sql:
        _hidden_sql[connection.alias] = _hidden().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(*_hidden_sql[connection.alias])
        return {pk for (pk,) in cursor.fetchall()}


def _hidden_trails():
    """Story trails that may still be in the index but must not be shown (returned to draft, deleted)."""
    return (TrailIndexState.objects
            .filter(Q(pending=True) | Q(removed_at__gte=Now() - Value(REMOVAL_SHOWN_WITHIN)))
            .filter(~Exists(trails_to_index().filter(pk=OuterRef("trail_id"))))
            .values_list("trail_id", flat=True))


def _hidden_documents():
    """The index's ids ("123", "trail-4") of every item and story trail that may still be in the index but must
    not be shown: both outboxes in one query."""
    items = _hidden().annotate(doc=Cast("item_id", CharField())).values_list("doc", flat=True)
    trails = (_hidden_trails().annotate(doc=Concat(Value(TRAIL_PREFIX), Cast("trail_id", CharField()),
                                                   output_field=CharField()))
              .values_list("doc", flat=True))
    return items.union(trails, all=True)


def hidden_document_ids() -> set[str]:
    """The index's ids of the items and trails that must not be shown now: one query, compiled once per process."""
    if connection.alias not in _hidden_documents_sql:
        _hidden_documents_sql[connection.alias] = _hidden_documents().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(*_hidden_documents_sql[connection.alias])
        return {doc for (doc,) in cursor.fetchall()}


def _public_ids(ids) -> set[int]:
    """Which of ``ids`` the access rules say are public now."""
    return set(items_to_index().filter(pk__in=list(ids)).values_list("pk", flat=True)) if ids else set()


def _public_among(hits: list[Hit]) -> list[Hit]:
    """The hits the access rules say are public now (in the engine's order); story trails are checked apart."""
    public = _public_ids([h.id for h in hits if h.type == "item"])
    return [h for h in hits if h.type != "item" or h.id in public]


@dataclass(frozen=True)
class TrailCard:
    """What a search result shows of a published story trail: the trail, how many stops, its cover for visitors."""

    trail: Trail
    stops: int
    cover: Item | None
    thumbnail: str | None  # the cover's thumbnail (a path under MEDIA_URL)


def trail_cards(hits: list[Hit]) -> dict[int, TrailCard]:
    """The published story trails among ``hits``, by id; a trail hit missing here is not shown (returned to draft
    or deleted since it was indexed). Covers are chosen for a visitor (:func:`trail_covers_for`), in a few queries
    whatever the number of trails."""
    wanted = [h.id for h in hits if h.type == "trail"]
    if not wanted:
        return {}
    trails = list(trails_to_index().filter(pk__in=wanted).annotate(stop_count=Count("stops")))
    covers = trail_covers_for(AnonymousUser(), trails)
    thumbnails = {}
    for item_id, path in (Derivative.objects.filter(asset__item_id__in=[c.pk for c in covers.values() if c],
                                                    kind=Derivative.Kind.THUMBNAIL)
                          .order_by("-asset__position", "-asset_id").values_list("asset__item_id", "path")):
        thumbnails[item_id] = path  # the last one written is the first asset's
    return {trail.pk: TrailCard(trail, trail.stop_count, covers[trail.pk],
                                thumbnails.get(covers[trail.pk].pk) if covers[trail.pk] else None)
            for trail in trails}


def _refresh_seconds() -> float | None:
    """The index's refresh interval in seconds (``SEARCH_REFRESH_INTERVAL``); None if it never refreshes."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*", str(settings.SEARCH_REFRESH_INTERVAL))
    if not found:
        return None
    return float(found[1]) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[found[2] or "ms"]


# What this process's last search had to leave out: usually nothing. The next search is sent leaving the same out
# while the database is asked what must be left out now (see search_items).
_left_out: set[str] = set()  # the index's ids of items ("123") and story trails ("trail-4")


def search_request(query: SearchQuery, hidden=None) -> dict:
    """The request body sent for ``query``, leaving out ``hidden`` (by default what must be hidden now), with the
    place-name alternatives."""
    return search_body(query, hidden=sorted(hidden_document_ids() if hidden is None else hidden),
                       alternatives=query_alternatives(query.text) if query.text else ())


def search_items(query: SearchQuery, language: str = "en") -> SearchResults:
    """One page of public items matching ``query``, with facet counts and map cells; labels in ``language``.

    The search is sent leaving out what the last one had to, and while the engine answers, the database says
    what must be left out now; when that differs (an item just withdrawn, made private or public again; rare),
    the engine is asked again, leaving out what the database said.
    """
    global _left_out
    hidden = _left_out
    for _ in range(2):
        began = time.monotonic()
        answer = engine.search_sent(search_request(query, hidden))
        try:
            now_hidden = hidden_document_ids()
        except BaseException:
            answer.cancel()
            raise
        checked = time.monotonic() - began
        raw = answer.result()
        if now_hidden == hidden:
            break
        _left_out = hidden = now_hidden
    response = Response(Search(), raw)
    hits = hits_from(response)
    shown = [h for h in hits if h.doc_id not in now_hidden]
    refresh = _refresh_seconds()
    if refresh is None or checked + refresh > REMOVAL_SHOWN_WITHIN.total_seconds() / 2:
        shown = _public_among(shown)  # too slow to rely on the outbox alone (see the module's docstring)
    trails = trail_cards(shown)  # story trails are always read from the database: few, and shown with their cover
    shown = [h for h in shown if h.type != "trail" or h.id in trails]
    total = raw["hits"]["total"]["value"]
    perhaps, perhaps_count = perhaps_from(response)  # items only: story trails have no date
    if perhaps:
        kept = [h for h in perhaps if h.doc_id not in now_hidden]
        if refresh is None or checked + refresh > REMOVAL_SHOWN_WITHIN.total_seconds() / 2:
            kept = _public_among(kept)
        perhaps, perhaps_count = kept, max(0, perhaps_count - (len(perhaps) - len(kept)))
    return SearchResults(query=query, count=max(0, total - (len(hits) - len(shown))),
                         hits=shown, facets=facets_from(response, query, language), geo=geo_from(response),
                         trails=trails, perhaps=perhaps, perhaps_count=perhaps_count)


def suggestions_for(text: str, language: str = "en", limit: int = 5) -> list[Suggestion]:
    """People, places, subjects and titles beginning with ``text``, drawn only from public items."""
    text = " ".join(text.split())[:100]
    if not text:
        return []
    response = engine.search(build_suggest(text, hidden=sorted(hidden_item_ids()), size=limit))
    suggestions = suggestions_from(response, text, language, limit)
    titles = [s for s in suggestions if s.kind == "title"]
    public = _public_ids([int(s.value) for s in titles])
    return [s for s in suggestions if s.kind != "title" or int(s.value) in public]


def items_like(item_id: int, limit: int = 6) -> list[Hit] | None:
    """Public items most like item ``item_id``; None when that item is not in the public catalogue."""
    document = documents_for([item_id]).get(item_id)
    if document is None:
        return None
    response = engine.search(build_more_like_this(document, exclude=[item_id, *sorted(hidden_item_ids())],
                                                  size=limit))
    return _public_among(hits_from(response))
