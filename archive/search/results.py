"""Reading the engine's answers (DSL Response objects) into hits, facets, map cells and suggestions."""
from dataclasses import dataclass, field

from . import registry
from .query import SearchQuery
from .registry import facet
from .synonyms import fold


@dataclass(frozen=True)
class Hit:
    """One item (or story trail) found: its id, score, the stored fields shown in results, highlighted fragments."""

    id: int
    score: float | None
    source: dict
    highlight: dict[str, list[str]]
    type: str = "item"  # or "trail": a story trail (its document is "trail-<id>")

    @property
    def doc_id(self) -> str:
        """The id of its document in the index."""
        return str(self.id) if self.type == "item" else f"{self.type}-{self.id}"

    def place(self, language: str) -> dict | None:
        """``{"id", "name"}`` of the item's place, named in ``language``."""
        key = (self.source.get("place") or {}).get("key")
        if not key:
            return None
        pk, name = registry.vocabulary_value(key, language)
        return {"id": int(pk), "name": name}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with how many items have it; ``selected`` if the search asks for it."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class GeoCell:
    """A map cell (a geotile ``zoom/x/y``) with the centre of its items and their number."""

    key: str
    lat: float
    lon: float
    count: int


@dataclass(frozen=True)
class Suggestion:
    """Something to search for as you type: a person, place, subject (by id) or an item's title."""

    kind: str
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    """A page of hits with the total count, facet counts and map cells."""

    query: SearchQuery
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    geo: list[GeoCell] = field(default_factory=list)
    trails: dict = field(default_factory=dict)  # story trail hits' id → selectors.TrailCard
    perhaps: list[Hit] = field(default_factory=list)  # the first items perhaps from the chosen decades
    perhaps_count: int = 0  # how many items are perhaps from the chosen decades (0 unless decades are chosen)


def hits_from(response) -> list[Hit]:
    """The hits of a response, with highlights grouped as the registry names them."""
    return _hits(response.to_dict()["hits"]["hits"])


def perhaps_from(response) -> tuple[list[Hit], int]:
    """The first items perhaps from the chosen decades and how many there are (``[], 0`` when none were asked)."""
    data = response.to_dict().get("aggregations", {}).get("perhaps")
    if not data:
        return [], 0
    return _hits(data["first"]["hits"]["hits"]), data["doc_count"]


def _hits(raw_hits: list[dict]) -> list[Hit]:
    groups = registry.highlight_fields()
    hits = []
    for hit in raw_hits:
        highlight: dict[str, list[str]] = {}
        for path, fragments in (hit.get("highlight") or {}).items():
            highlight.setdefault(groups.get(path, path), []).extend(fragments)
        kind, _, number = str(hit["_id"]).rpartition("-")  # "123" for an item, "trail-4" for a story trail
        hits.append(Hit(int(number), hit.get("_score"), hit.get("_source", {}), highlight, kind or "item"))
    return hits


def facets_from(response, query: SearchQuery, language: str) -> dict[str, list[FacetValue]]:
    """Each asked-for facet's values with counts; selected values come first if they were not counted."""
    facets = {}
    aggregations = response.to_dict().get("aggregations", {})
    for name in query.facets:
        declared, chosen = facet(name), set(query.selected.get(name, ()))
        data = aggregations[name]
        values, seen = [], set()
        for bucket in data["values"]["buckets"]:
            value, label = declared.bucket(bucket, language)
            seen.add(value)
            values.append(FacetValue(value, label, bucket["doc_count"], value in chosen))
        missing = [v for v in query.selected.get(name, ()) if v not in seen]
        if missing:
            counts = declared.selected_counts(data["selected"], missing, language)
            values = [FacetValue(v, *counts[v], True) for v in missing] + values
        facets[name] = values
    return facets


def geo_from(response) -> list[GeoCell]:
    """The map cells of a response."""
    cells = response.to_dict().get("aggregations", {}).get("geo", {}).get("cells", {}).get("buckets", [])
    return [GeoCell(b["key"], b["centre"]["location"]["lat"], b["centre"]["location"]["lon"], b["doc_count"])
            for b in cells]


def _begins_with(typed: list[str], names: list[str]) -> bool:
    """Whether every typed word begins some word of one of ``names`` (folded)."""
    for name in names:
        words = fold(name).split()
        if all(any(word.startswith(t) for word in words) for t in typed):
            return True
    return False


def suggestions_from(response, text: str, language: str, limit: int) -> list[Suggestion]:
    """People, places and subjects whose names begin with what was typed, then titles."""
    typed, answer = fold(text).split(), response.to_dict()
    suggestions = []
    for kind in registry.suggest_fields():
        buckets = answer.get("aggregations", {}).get(kind, {}).get("buckets", [])
        found = []
        for bucket in buckets:
            if _begins_with(typed, registry.vocabulary_names(bucket["key"])):
                value, label = registry.vocabulary_value(bucket["key"], language)
                found.append(Suggestion(kind, value, label, bucket["doc_count"]))
        suggestions += found[:limit]
    titles = []
    for hit in answer["hits"]["hits"]:
        source = hit.get("_source", {})
        title = source.get(f"title_{language}") or source.get("title_en") or source.get("title_cy") or ""
        if "title" in hit.get("matched_queries", []) and title and _begins_with(typed, [title]) \
                and fold(title) not in {fold(t.label) for t in titles}:  # one suggestion per distinct title
            titles.append(Suggestion("title", hit["_id"], title, 1))
    return suggestions + titles[:limit]
