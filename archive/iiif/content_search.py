"""Content Search API 2.0 inside one item: which of its annotations contain the words searched for.

Matching goes through the search engine (:mod:`archive.search.engine`), so that searching inside
an item forgives what the archive's search forgives: accents (``dwr`` finds *Dŵr*), case, English
stems (``miner`` finds *miners*) and typos, which also catches many Welsh mutations. The engine is
asked for the item's own document only, with every matching word marked; the marked words are
then found again in each published annotation (voices and region tags), which gives the exact
matches to highlight. The engine indexes public, ready items only, so for anything else (a
members-only item, or when the engine cannot be reached) the words themselves are looked for,
folded the same way (accents and case ignored).

Autocomplete lists the words of the item's annotations that begin with what was typed. It is
worked out from the annotations themselves: the index keeps no list of one item's words.
"""
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from elasticsearch_dsl import Q, Search
from iiif_prezi3 import Annotation, AnnotationPage, SpecificResource, TextQuoteSelector

from archive.search import engine, registry
from archive.search.synonyms import fold

from .presentation import SEARCH_CONTEXT, AnnotatedText, to_json
from .objects import made


@dataclass(frozen=True)
class Match:
    """Where a search matched in an annotation's text: ``text[start:end]``."""

    start: int
    end: int


log = logging.getLogger(__name__)

WORD = re.compile(r"\w+(?:['’]\w+)*")
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: never in real text
MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)
GROUPS = ("text", "people", "subjects")  # indexed fields that hold what annotations say
MAX_QUERY = 200
MAX_TERMS = 20
SUPPORTED = {"q", "motivation"}  # Content Search parameters implemented; "date" and "user" are ignored
KNOWN = {"q", "motivation", "date", "user", "min"}


@dataclass(frozen=True)
class Query:
    """A search inside an item: words, motivations to keep, parameters not taken into account."""

    text: str
    motivations: frozenset[str]
    ignored: list[str]
    minimum: int = 1

    @classmethod
    def from_params(cls, params, *, autocomplete: bool = False) -> "Query":
        """From a request's query parameters (``q``, ``motivation``; ``min`` for autocomplete)."""
        text = " ".join((params.get("q") or "").split())[:MAX_QUERY]
        motivations = frozenset((params.get("motivation") or "").split())
        supported = SUPPORTED | ({"min"} if autocomplete else set())
        ignored = sorted(name for name in params if name in KNOWN - supported)
        minimum = (params.get("min") or "1").strip()
        # isdigit() also accepts "²", which int() refuses; a bad or absurd min counts as 1 (it is only a filter)
        number = int(minimum) if minimum.isdecimal() and len(minimum) <= 9 else 1
        return cls(text, motivations, ignored, max(number, 1))


def _fields() -> list[str]:
    fields = []
    for declared in registry.FIELDS:
        if declared.highlight in GROUPS:
            fields.append(declared.path)
            if declared.stem:
                fields.append(f"{declared.path}.stem")
    return fields


def engine_terms(item_id: int, text: str) -> set[str]:
    """The word forms (folded) the engine matches ``text`` to in the item's indexed words.

    Empty when the item is not in the index, nothing matches, or the engine cannot be asked.
    """
    if not text or not engine.search_enabled():
        return set()
    fields = _fields()
    s = (Search().filter("ids", values=[str(item_id)])
         .query(Q("multi_match", query=text, fields=fields, fuzziness="AUTO", operator="or"))
         .highlight_options(pre_tags=[OPEN], post_tags=[CLOSE], require_field_match=False, number_of_fragments=0)
         .source(False))
    for path in fields:
        s = s.highlight(path)
    try:
        response = engine.search(s[:1])
    except engine.EngineError as exc:
        log.warning("content search for item %s without the search engine: %s", item_id, exc)
        return set()
    terms = set()
    for hit in response.hits:
        for fragments in (hit.meta.to_dict().get("highlight") or {}).values():
            for fragment in fragments:
                terms.update(fold(word) for word in MARKED.findall(fragment))
    return {term for term in terms if term}


def _words(text: str):
    for match in WORD.finditer(text):
        yield match, fold(match.group())


def search(annotations: list[AnnotatedText], item_id: int, query: Query) -> list[tuple[AnnotatedText, list[Match]]]:
    """The annotations that contain the query's words (through the engine), each with where they match."""
    if not query.text:
        return []
    wanted = engine_terms(item_id, query.text) | {fold(word) for word in WORD.findall(query.text)}
    hits = []
    for annotated in annotations:
        if query.motivations and annotated.motivation not in query.motivations:
            continue
        matches = [Match(m.start(), m.end()) for m, folded in _words(annotated.text)
                   if folded in wanted or folded.split(" ", 1)[0] in wanted]  # "Mam-gu'n" is "gu" + 'n (yn)
        if matches:
            hits.append((annotated, matches))
    return hits


def autocomplete(annotations: list[AnnotatedText], query: Query) -> list[tuple[str, int, str | None]]:
    """Words of the annotations that begin with the typed text: ``(word, occurrences, language)``, A to Z."""
    prefix = fold(query.text)
    if not prefix:
        return []
    totals: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    languages: dict[str, set] = defaultdict(set)
    for annotated in annotations:
        if query.motivations and annotated.motivation not in query.motivations:
            continue
        for match, folded in _words(annotated.text):
            if folded.startswith(prefix):
                totals[folded] += 1
                spellings[folded][match.group()] += 1
                languages[folded].add(annotated.language)
    terms = []
    for folded in sorted(totals):
        if totals[folded] >= query.minimum:
            language = next(iter(languages[folded])) if len(languages[folded]) == 1 else None
            terms.append((spellings[folded].most_common(1)[0][0], totals[folded], language))
    return terms[:MAX_TERMS]


# --- Content Search 2.0 answers (iiif-prezi3) ------------------------------------------------------------


def _quote(text: str, match: Match, context: int = 40) -> TextQuoteSelector:
    prefix, suffix = text[max(0, match.start - context):match.start], text[match.end:match.end + context]
    return made(TextQuoteSelector, exact=text[match.start:match.end], prefix=prefix or None, suffix=suffix or None)


def search_answer(page_id: str, hits: list[tuple[AnnotatedText, list[Match]]], ignored: list[str]) -> str:
    """A Content Search 2.0 answer: the matching annotations, and a ``highlighting`` annotation per match."""
    page = made(AnnotationPage, context=SEARCH_CONTEXT, id=page_id, items=[hit.annotation for hit, _ in hits])
    highlights = []
    for hit, matches in hits:
        source = str(hit.annotation.id)
        for number, match in enumerate(matches, start=1):
            highlights.append(made(Annotation,
                id=f"{page_id}#match-{len(highlights) + 1}", motivation="highlighting",
                target=made(SpecificResource, source=source, selector=[_quote(hit.text, match)]),
            ))
    answer = json.loads(to_json(page))
    if ignored:
        answer["ignored"] = ignored
    if highlights:
        matches_page = made(AnnotationPage, id=f"{page_id}#matches", items=highlights)
        answer["annotations"] = [json.loads(matches_page.model_dump_json(exclude_none=True, by_alias=True))]
    return json.dumps(answer, ensure_ascii=False)


def autocomplete_answer(page_id: str, terms: list[tuple[str, int, str | None]], ignored: list[str]) -> str:
    """A Content Search 2.0 ``TermPage``: ``(value, total, language)`` for each term."""
    items = []
    for value, total, language in terms:
        term = {"value": value, "total": total}
        if language:
            term["language"] = language
        items.append(term)
    answer = {"@context": SEARCH_CONTEXT, "id": page_id, "type": "TermPage", "items": items}
    if ignored:
        answer["ignored"] = ignored
    return json.dumps(answer, ensure_ascii=False)
