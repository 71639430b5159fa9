"""Searches, suggestions and "more like this", checked against the database before anything is shown.

Two guards keep the index's lag from ever showing what a visitor may not see: items changed but
not yet re-indexed that are no longer public are left out of the engine's answer altogether
(:func:`hidden_item_ids`), and every page of hits is checked against the access rules again.
"""
from django.db import connection
from elasticsearch_dsl import Search

from . import engine
from .documents import documents_for, items_to_index
from .models import IndexState
from .query import SearchQuery, build_more_like_this, build_search, build_suggest
from .results import Hit, SearchResults, Suggestion, facets_from, geo_from, hits_from, suggestions_from
from .synonyms import query_alternatives


def _pending_ids(limit: int) -> list[int]:
    """Up to ``limit`` items whose latest change is not indexed yet (a plain query: every search asks it)."""
    table = connection.ops.quote_name(IndexState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT item_id FROM {table} WHERE pending = %s LIMIT %s", [True, limit])
        return [row[0] for row in cursor.fetchall()]


def hidden_item_ids() -> list[int]:
    """Items that may still be in the index but must not be shown: changed since last indexed, no longer public."""
    ids = _pending_ids(1000)  # usually none, or a few
    if len(ids) == 1000:  # a backlog (the engine was down): let the database compare, not Python
        pending = IndexState.objects.filter(pending=True)
        public = items_to_index().filter(pk__in=pending.values("item_id")).values("pk")
        return list(pending.exclude(item_id__in=public).values_list("item_id", flat=True))
    public = set(items_to_index().filter(pk__in=ids).order_by().values_list("pk", flat=True)) if ids else set()
    return [pk for pk in ids if pk not in public]


_indexed_sql: dict[str, tuple[str, tuple]] = {}  # database alias → the SQL of items_to_index(), compiled once


def _public_ids(ids: list[int]) -> set[int]:
    """Which of ``ids`` :func:`items_to_index` holds, in one query.

    Every search asks this, so the SQL is compiled from :func:`items_to_index` once per process (the
    same condition, without building the ORM query each time) and only the ids change.
    """
    if connection.alias not in _indexed_sql:
        _indexed_sql[connection.alias] = items_to_index().order_by().values_list("pk", flat=True) \
            .query.sql_with_params()
    sql, params = _indexed_sql[connection.alias]
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pk FROM ({sql}) AS indexed WHERE pk IN ({placeholders})", [*params, *ids])
        return {row[0] for row in cursor.fetchall()}


def _public_among(hits: list[Hit]) -> list[Hit]:
    """The hits the database says are still to be shown (in the engine's order)."""
    if not hits:
        return hits
    public = _public_ids([h.id for h in hits])
    return [h for h in hits if h.id in public]


def search_request(query: SearchQuery) -> Search:
    """The DSL search sent for ``query``, with what must be hidden and the place-name alternatives."""
    return build_search(query, hidden=hidden_item_ids(),
                        alternatives=query_alternatives(query.text) if query.text else ())


def search_items(query: SearchQuery, language: str = "en") -> SearchResults:
    """One page of public items matching ``query``, with facet counts and map cells; labels in ``language``."""
    response = engine.search(search_request(query))
    hits = hits_from(response)
    shown = _public_among(hits)
    total = response.to_dict()["hits"]["total"]["value"]  # (response.hits would wrap every hit again)
    return SearchResults(query=query, count=max(0, total - (len(hits) - len(shown))),
                         hits=shown, facets=facets_from(response, query, language), geo=geo_from(response))


def suggestions_for(text: str, language: str = "en", limit: int = 5) -> list[Suggestion]:
    """People, places, subjects and titles beginning with ``text``, drawn only from public items."""
    text = " ".join(text.split())[:100]
    if not text:
        return []
    response = engine.search(build_suggest(text, hidden=hidden_item_ids(), size=limit))
    suggestions = suggestions_from(response, text, language, limit)
    titles = [s for s in suggestions if s.kind == "title"]
    public = set(items_to_index().filter(pk__in=[int(s.value) for s in titles]).values_list("pk", flat=True))
    return [s for s in suggestions if s.kind != "title" or int(s.value) in public]


def items_like(item_id: int, limit: int = 6) -> list[Hit] | None:
    """Public items most like item ``item_id``; None when that item is not in the public catalogue."""
    document = documents_for([item_id]).get(item_id)
    if document is None:
        return None
    response = engine.search(build_more_like_this(document, exclude=[item_id, *hidden_item_ids()], size=limit))
    return _public_among(hits_from(response))
