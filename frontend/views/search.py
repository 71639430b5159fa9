"""The search page: words, facets as the search registry declares them, and results (items and story trails)
with highlights.

It reads the same query string as ``GET /api/v1/search/`` (so a page's address is also an API
query) and shows only the public catalogue, like the API.
"""
from django.conf import settings
from django.shortcuts import render

from archive.search.engine import EngineError
from archive.search.query import InvalidSearch, SearchQuery, search_query_from
from archive.search.registry import FACETS, facet
from archive.search.selectors import search_items
from archive.selectors import items_for_listing
from archive.trail_selectors import in_language, language_map

from ..bilingual import current_language

PAGE_SIZE = 24


def _snippet(hit) -> str:
    """The best highlighted fragment to show under a result (HTML-escaped by the engine)."""
    for group in ("text",):  # the title is highlighted where it is shown
        if hit.highlight.get(group):
            return hit.highlight[group][0]
    return ""


def _trail_card(card, language: str) -> dict:
    """What a story trail's result card shows: its title (in the reader's language if it has one), stops, cover."""
    trail = card.trail
    title = language_map(trail, "title")
    shown_in = language if title.get(language) else next(iter(title), language)
    return {"pk": trail.pk, "title": in_language(title, language), "lang": shown_in, "stops": card.stops,
            "thumbnail": settings.MEDIA_URL + card.thumbnail if card.thumbnail else None, "cover": card.cover}


def _decades(query: SearchQuery, language: str) -> str:
    """The chosen decades, named ("1940s", "1940s, 1950s"), or "" when none is chosen."""
    return ", ".join(facet("decade").label(v, language) for v in query.selected.get("decade", ()))


def search(request):
    """Search the public catalogue; a bad parameter is explained (400), an unavailable engine too (503)."""
    language, status, errors, unavailable = current_language(), 200, {}, False
    params = request.GET.copy()
    params.setdefault("page_size", str(PAGE_SIZE))
    try:
        query = search_query_from(params)
    except InvalidSearch as exc:
        query, errors, status = SearchQuery(text=" ".join(request.GET.get("q", "").split())[:200]), exc.errors, 400
    results = None
    if not errors:
        try:
            results = search_items(query, language)
        except EngineError:
            unavailable, status = True, 503
    rows, facets, pages, perhaps = [], [], 0, None
    if results is not None:
        items = items_for_listing(request.user).in_bulk(  # the page's items and those perhaps from its decade at once
            [hit.id for hit in [*results.hits, *results.perhaps] if hit.type == "item"])
        for hit in results.hits:
            if hit.type == "trail" and hit.id in results.trails:
                rows.append({"trail": _trail_card(results.trails[hit.id], language), "hit": hit,
                             "snippet": _snippet(hit)})
            elif hit.type == "item" and hit.id in items:
                rows.append({"item": items[hit.id], "hit": hit, "snippet": _snippet(hit)})
        facets = [{"name": f.name, "title": f.title(language), "values": results.facets.get(f.name, [])}
                  for f in FACETS if results.facets.get(f.name)]
        pages = -(-results.count // query.page_size)
        if results.perhaps_count and query.page >= pages:  # after the decade's own items, never among them
            perhaps = {"count": results.perhaps_count,
                       "rows": [{"item": items[hit.id], "hit": hit} for hit in results.perhaps if hit.id in items]}
    return render(request, "frontend/search.html", {
        "query": query, "results": results, "rows": rows, "facets": facets, "errors": errors,
        "filters_chosen": sum(1 for f in facets for value in f["values"] if value.selected),  # on "Filter"
        "unavailable": unavailable, "pages": pages, "perhaps": perhaps, "decades": _decades(query, language),
        "previous_page": query.page - 1 if query.page > 1 else None,
        "next_page": query.page + 1 if query.page < pages else None,
    }, status=status)
