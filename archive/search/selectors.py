"""Searches, suggestions and "more like this", checked against the database before anything is shown.

Two guards keep the index's lag from ever showing what a visitor may not see: items changed but
not yet re-indexed that are no longer public are left out of the engine's answer altogether
(:func:`hidden_item_ids`), and every page of hits is checked against the access rules again.
Both are answered by one query (:func:`_visibility`); a search asks it once, after the engine's answer.
"""
from django.db import connection
from elasticsearch_dsl import Search

from . import engine
from .documents import documents_for, items_to_index
from .models import IndexState
from .query import SearchQuery, build_more_like_this, build_search, build_suggest
from .results import Hit, SearchResults, Suggestion, facets_from, geo_from, hits_from, suggestions_from
from .synonyms import query_alternatives


_indexed_sql: dict[str, tuple[str, tuple]] = {}  # database alias → the SQL of items_to_index(), compiled once


def _indexed() -> tuple[str, tuple]:
    """The SQL of :func:`items_to_index` (ids only), compiled once per process and database: every search asks it."""
    if connection.alias not in _indexed_sql:
        _indexed_sql[connection.alias] = items_to_index().order_by().values_list("pk", flat=True) \
            .query.sql_with_params()
    return _indexed_sql[connection.alias]


def _visibility(ids: list[int]) -> tuple[set[int], set[int]]:
    """In one query: the items to leave out of any answer (changed since they were last indexed and no longer
    public: the index may still hold them) and which of ``ids`` are public now."""
    sql, params = _indexed()
    state = connection.ops.quote_name(IndexState._meta.db_table)
    query = (f"SELECT s.item_id, 0 FROM {state} s WHERE s.pending = %s "
             f"AND NOT EXISTS (SELECT 1 FROM ({sql}) AS indexed WHERE indexed.pk = s.item_id)")
    arguments = [True, *params]
    if ids:
        query += f" UNION ALL SELECT pk, 1 FROM ({sql}) AS shown WHERE pk IN ({', '.join(['%s'] * len(ids))})"
        arguments += [*params, *ids]
    hidden, public = set(), set()
    with connection.cursor() as cursor:
        cursor.execute(query, arguments)
        for pk, is_public in cursor.fetchall():
            (public if is_public else hidden).add(pk)
    return hidden, public


def hidden_item_ids() -> list[int]:
    """Items that may still be in the index but must not be shown: changed since last indexed, no longer public."""
    return sorted(_visibility([])[0])


def _public_among(hits: list[Hit]) -> list[Hit]:
    """The hits the database says are still to be shown (in the engine's order)."""
    if not hits:
        return hits
    public = _visibility([h.id for h in hits])[1]
    return [h for h in hits if h.id in public]


# What this process's last search had to leave out: usually nothing. The next search is sent leaving the same out,
# and the one query after the engine's answer says whether that was still right (see search_items).
_left_out: set[int] = set()


def search_request(query: SearchQuery, hidden=None) -> Search:
    """The DSL search sent for ``query``, leaving out ``hidden`` (by default what must be hidden now), with the
    place-name alternatives."""
    return build_search(query, hidden=hidden_item_ids() if hidden is None else sorted(hidden),
                        alternatives=query_alternatives(query.text) if query.text else ())


def search_items(query: SearchQuery, language: str = "en") -> SearchResults:
    """One page of public items matching ``query``, with facet counts and map cells; labels in ``language``.

    One database query guards each answer, after it: the search leaves out what the last one had to, and is
    sent again, leaving out what the database says now, when that has changed (an item just withdrawn or
    made private whose index entry has not been removed yet; rare). Hits are kept only if still public.
    """
    global _left_out
    hidden = _left_out
    for _ in range(2):
        response = engine.search(search_request(query, hidden))
        hits = hits_from(response)
        now_hidden, public = _visibility([h.id for h in hits])
        if now_hidden == hidden:
            break
        _left_out = hidden = now_hidden  # a second answer, built on what must be left out now
    shown = [h for h in hits if h.id in public]
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
