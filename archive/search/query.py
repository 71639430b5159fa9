"""What a search asks for (:class:`SearchQuery`, read from a query string) and the DSL searches built from it.

Facets are multi-select: the hits are narrowed by every selected value (``post_filter``), and
each facet's counts respect every selection except its own, so the other values of a facet
stay visible with their counts. When decades are chosen, the items whose uncertain date only reaches
into them ("perhaps from this decade") are counted apart, with the first of them (an aggregation,
``perhaps``, in the same request); ``perhaps=1`` pages through those instead.
Items the index may still hold that are no longer public
(``hidden``, see ``selectors``) are left out of everything: hits, counts, facets, the map and suggestions.
"""
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _
from elasticsearch_dsl import Q, Search

from . import registry
from .registry import FACET_NAMES, VocabularyFacet, facet

SORTS = ("relevance", "date", "-date")
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000  # the engine's index.max_result_window
MAX_QUERY_LENGTH = 200
PERHAPS_SHOWN = 10  # "perhaps from this decade" items sent with a decade's own items
DEFAULT_ZOOM = 7  # geotile precision of the map's buckets
SHOWN = ["id", "type", "accession", "title_cy", "title_en", "date_text", "date_start", "date_end", "place.key",
         "thumbnail"]
ONLY_ITEMS = Q("term", type="item")  # story trails are found by searches, not by suggestions or "more like this"


class InvalidSearch(ValueError):
    """A search asked for something that cannot be (``errors``: parameter → message)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class SearchQuery:
    """One search: words, selected facet values, other filters, order and page."""

    text: str = ""
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet name → values
    year_from: int | None = None
    year_to: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: tuple[str, ...] = FACET_NAMES  # which facets to count
    zoom: int = DEFAULT_ZOOM
    perhaps: bool = False  # list the items perhaps from the chosen decades instead of the decades' own

    @property
    def offset(self) -> int:
        """Index of the first hit of the page."""
        return (self.page - 1) * self.page_size


def _values(params, name: str) -> list[str]:
    raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
    return [raw] if isinstance(raw, str) else [str(v) for v in raw]


def _one(params, name: str) -> str:
    values = _values(params, name)
    return values[-1].strip() if values else ""


def _int(params, name, errors, low, high, default=None):
    raw = _one(params, name)
    if not raw:
        return default
    digits = raw[1:] if raw.startswith("-") else raw  # isdecimal, not isdigit: int() refuses "²"; 9 digits at most
    if not (digits.isdecimal() and len(digits) <= 9) or not low <= int(raw) <= high:
        errors[name] = _("'%(value)s' is not a whole number from %(low)s to %(high)s.") % {
            "value": raw, "low": low, "high": high}
        return default
    return int(raw)


def search_query_from(params) -> SearchQuery:
    """Read a search from query parameters (a QueryDict or ``{name: [values]}``); InvalidSearch if wrong."""
    errors: dict[str, str] = {}
    text = " ".join(_one(params, "q").split())
    if len(text) > MAX_QUERY_LENGTH:
        errors["q"] = _("Too long: at most %(limit)s characters.") % {"limit": MAX_QUERY_LENGTH}
    selected = {}
    for name in FACET_NAMES:
        values = []
        given = [part for value in _values(params, name) for part in value.split(",")]
        if len(given) > registry.MAX_FACET_VALUES:
            errors[name] = _("Too many values: %(given)s were given; at most %(limit)s can be selected at once.") % {
                "given": len(given), "limit": registry.MAX_FACET_VALUES}
            continue
        for raw in given:
            try:
                values.append(facet(name).parse(raw))
            except ValueError as exc:
                errors[name] = str(exc)
        if values:
            selected[name] = tuple(dict.fromkeys(values))
    wanted = [n.strip() for v in _values(params, "facets") for n in v.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in FACET_NAMES]
    if unknown:
        errors["facets"] = registry.unknown_facet_message(unknown[0])
    sort = _one(params, "sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = _("Unknown sort '%(sort)s'. Choose one of: %(valid)s.") % {"sort": sort, "valid": ", ".join(SORTS)}
    query = SearchQuery(
        text=text, selected=selected, sort=sort,
        year_from=_int(params, "year_from", errors, 1000, 2999), year_to=_int(params, "year_to", errors, 1000, 2999),
        bbox=_bbox(_one(params, "bbox"), errors),
        page=_int(params, "page", errors, 1, MAX_RESULT_WINDOW, 1),
        page_size=_int(params, "page_size", errors, 1, MAX_PAGE_SIZE, 20),
        facets=tuple(dict.fromkeys(wanted)) if wanted else FACET_NAMES,
        zoom=_int(params, "zoom", errors, 0, 29, DEFAULT_ZOOM),
        perhaps=_perhaps(params, selected, errors),
    )
    if not errors and query.offset + query.page_size > MAX_RESULT_WINDOW:
        errors["page"] = _("Too deep: only the first %(limit)s results can be paged through; narrow the search.") % {
            "limit": MAX_RESULT_WINDOW}
    if errors:
        raise InvalidSearch(errors)
    return query


def _perhaps(params, selected: dict, errors: dict) -> bool:
    raw = _one(params, "perhaps").lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw not in ("1", "true", "yes"):
        errors["perhaps"] = _("'%(value)s' is not true or false.") % {"value": raw[:50]}
    elif not selected.get("decade") and "decade" not in errors:
        errors["perhaps"] = _("Choose a decade too: perhaps=1 lists the items perhaps from the chosen decades.")
    return True


def _bbox(raw: str, errors: dict):
    if not raw:
        return None
    try:
        west, south, east, north = (float(v) for v in raw.split(","))
    except ValueError:
        errors["bbox"] = _("Give four numbers: west,south,east,north (longitude, latitude, longitude, latitude).")
        return None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        errors["bbox"] = _("Out of range: longitudes from -180 to 180, latitudes from -90 to 90, south below north.")
        return None
    return west, south, east, north


def _not_hidden(hidden) -> list[Q]:
    return [~Q("ids", values=[str(pk) for pk in hidden])] if hidden else []


def text_query(text: str, alternatives=()) -> Q:
    """Free text: every word must match somewhere (forgiving typos, stems and place-name variants);
    matches in titles, names and places rank higher, and whole phrases higher still."""
    variants = [text, *alternatives]
    recall = [Q("term", accession=text.upper())]
    for variant in variants:
        recall.append(Q("match", **{registry.ALL_TEXT: {"query": variant, "operator": "and", "fuzziness": "AUTO"}}))
        recall.append(Q("match", **{f"{registry.ALL_TEXT}.stem": {"query": variant, "operator": "and"}}))
    fields = registry.search_fields()
    ranking = [Q("multi_match", query=v, fields=list(fields), type="best_fields", tie_breaker=0.3) for v in variants]
    if len(text.split()) > 1:  # the words side by side, as typed
        ranking.append(Q("multi_match", query=text, fields=list(registry.highlight_fields()), type="phrase", boost=2))
    return Q("bool", must=[Q("bool", should=recall, minimum_should_match=1)], should=ranking)


def build_search(query: SearchQuery, *, hidden=(), alternatives=()) -> Search:
    """The DSL search for ``query``: hits, highlights, facet counts and map buckets."""
    return _with_aggregations(_without_aggregations(query, hidden, alternatives), query)


def search_body(query: SearchQuery, *, hidden=(), alternatives=()) -> dict:
    """The request body of :func:`build_search`; the aggregations part, the same for most searches, is built once
    per process for each set of facets, selected values and map zoom (it must not be changed)."""
    body = _without_aggregations(query, hidden, alternatives).to_dict()
    selected = tuple((name, tuple(values)) for name, values in query.selected.items())
    body["aggs"] = _aggregations_body(tuple(query.facets), selected, query.zoom, query.perhaps)
    if _wants_perhaps(query):
        body["aggs"] = {**body["aggs"], **_with_perhaps(Search(), query).to_dict()["aggs"]}
    return body


@lru_cache(maxsize=512)
def _aggregations_body(facets: tuple, selected: tuple, zoom: int, perhaps: bool) -> dict:
    query = SearchQuery(facets=facets, selected=dict(selected), zoom=zoom, perhaps=perhaps)
    return _with_aggregations(Search(), query, perhaps=False).to_dict()["aggs"]


def _chosen(query: SearchQuery) -> dict[str, Q]:
    """Each facet with selected values → the filter that selects them (with ``perhaps``, the chosen decades
    select the items perhaps from them)."""
    chosen = {name: facet(name).filter(values) for name, values in query.selected.items()}
    if query.perhaps and "decade" in chosen:
        chosen["decade"] = facet("decade").perhaps_filter(query.selected["decade"])
    return chosen


def _wants_perhaps(query: SearchQuery) -> bool:
    """Whether the answer holds the items perhaps from the chosen decades, apart (decades chosen, not ``perhaps``)."""
    return bool(query.selected.get("decade")) and not query.perhaps


def _with_perhaps(s: Search, query: SearchQuery) -> Search:
    """``s`` with the items perhaps from the chosen decades: how many, and the first :data:`PERHAPS_SHOWN` in the
    search's order (an aggregation, so they come in the same request; changed in place)."""
    conditions = [c for name, c in _chosen(query).items() if name != "decade"]
    conditions.append(facet("decade").perhaps_filter(query.selected["decade"]))
    s.aggs.bucket("perhaps", "filter", Q("bool", filter=conditions)) \
        .bucket("first", "top_hits", size=PERHAPS_SHOWN, sort=_order(query), _source={"includes": SHOWN})
    return s


def _without_aggregations(query: SearchQuery, hidden, alternatives) -> Search:
    s = Search().extra(track_total_hits=True)
    if query.text:
        s = s.query(text_query(query.text, alternatives))
    filters = _not_hidden(hidden)
    if query.year_from or query.year_to:
        filters.append(Q("range", years={k: v for k, v in (("gte", query.year_from), ("lte", query.year_to)) if v}))
    if query.bbox:
        west, south, east, north = query.bbox
        filters.append(Q("geo_bounding_box", **{"place.location": {"top_left": {"lat": north, "lon": west},
                                                                   "bottom_right": {"lat": south, "lon": east}}}))
    if filters:
        s = s.filter(Q("bool", filter=filters))
    chosen = _chosen(query)
    if chosen:
        s = s.post_filter(Q("bool", filter=list(chosen.values())))
    if query.text:
        s = _highlighted(s, query.text, alternatives)
    return s.sort(*_order(query)).source(SHOWN)[query.offset:query.offset + query.page_size]


def _with_aggregations(s: Search, query: SearchQuery, *, perhaps: bool = True) -> Search:
    """``s`` with the facet counts (each respecting every selection but its own), map cells and, when decades are
    chosen and ``perhaps``, the items perhaps from them (changed in place)."""
    if perhaps and _wants_perhaps(query):
        _with_perhaps(s, query)
    chosen = _chosen(query)
    for name in query.facets:
        others = [condition for other, condition in chosen.items() if other != name]
        bucket = s.aggs.bucket(name, "filter", Q("bool", filter=others) if others else Q("match_all"))
        bucket.bucket("values", facet(name).aggregation())
        if query.selected.get(name):  # counts of the selected values, even when not among the most common
            bucket.bucket("selected", facet(name).selected_aggregation(query.selected[name]))
    geo = s.aggs.bucket("geo", "filter", Q("bool", filter=list(chosen.values())) if chosen else Q("match_all"))
    geo.bucket("cells", "geotile_grid", field="place.location", precision=query.zoom, size=500) \
       .bucket("centre", "geo_centroid", field="place.location")
    return s


def _highlighted(s: Search, text: str, alternatives) -> Search:
    """Highlight the words as typed, one-letter typos included, and the place names they stand for.

    (Wider fuzziness in a highlight query costs the engine far more than it finds.)
    """
    fields = registry.highlight_fields()
    match = Q("bool", should=[Q("multi_match", query=text, fields=list(fields), fuzziness=1)] + [
        Q("multi_match", query=v, fields=list(fields)) for v in alternatives])
    s = s.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], require_field_match=False,
                            highlight_query=match.to_dict(), fragment_size=160)
    texts = [path for path, group in fields.items() if group == "text"]
    return s.highlight(*texts, number_of_fragments=2).highlight(*[p for p in fields if p not in texts],
                                                               number_of_fragments=0)


def _order(query: SearchQuery) -> list:
    if query.sort == "date":
        return [{"date_start": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
    if query.sort == "-date":
        return [{"date_end": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]
    return (["_score"] if query.text else []) + [{"added": "desc"}, {"id": "desc"}]


def build_suggest(text: str, *, hidden=(), size: int = 5) -> Search:
    """Suggestions as you type: items whose people, places, subjects or titles begin with the words typed.

    The people, places and subjects come back as counted keys; titles as hits (query named "title").
    """
    s = Search().filter(ONLY_ITEMS)  # suggestions name items' people, places, subjects and titles
    for condition in _not_hidden(hidden):
        s = s.filter(condition)
    kinds = registry.suggest_fields()
    s = s.query(Q("bool", minimum_should_match=1, should=[
        Q("multi_match", query=text, fields=list(fields), operator="and", _name=kind) for kind, fields in kinds.items()]))
    for kind in kinds:
        if kind in FACET_NAMES and isinstance(facet(kind), VocabularyFacet):
            s.aggs.bucket(kind, "terms", field=facet(kind).key_field, size=50)
    return s.source(["title_cy", "title_en"])[:size * 2]


def build_more_like_this(document: dict, *, exclude=(), size: int = 6) -> Search:
    """Items most like ``document`` (a search document, possibly not in the index) in what is said about them."""
    similar = Q("more_like_this", fields=list(registry.similar_fields()), like=[{"doc": document}], min_term_freq=1, min_doc_freq=1,
                max_query_terms=25, minimum_should_match="20%")
    s = Search().query(similar).filter(ONLY_ITEMS)
    for condition in _not_hidden(exclude):
        s = s.filter(condition)
    return s.source(["id", "accession", "title_cy", "title_en", "date_text", "place.key", "thumbnail"])[:size]
