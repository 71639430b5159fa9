"""Place-name variants as synonyms at query time.

The names of a place (Welsh, English and the variants recorded on it) are one group: a query
that names a place one way also searches for its other names ("Troed-rhiw-fuwch" finds
"Troedrhiwfuwch"). Expanding the query here, rather than in an analyser, needs no change to the
index when a curator records a new variant.
"""
import re
import time
import unicodedata

from django.core.cache import cache

CACHE_KEY = "search:place-name-groups"
CACHE_SECONDS = 60
LOCAL_SECONDS = 5
MAX_ALTERNATIVES = 6


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation as spaces: "Troed-rhiw-fuwch's" → "troed rhiw fuwch s"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


_local: dict = {"groups": None, "until": 0.0}  # this process's copy, for a few seconds


def place_name_groups() -> list[list[str]]:
    """Each place's names (folded, at least two different ones), from the caches or the database."""
    if _local["groups"] is not None and time.monotonic() < _local["until"]:
        return _local["groups"]
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from archive.models import Place

        groups = []
        for place in Place.objects.all():
            names = list(dict.fromkeys(fold(name) for name in place.all_names() if fold(name)))
            if len(names) > 1:
                groups.append(names)
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    _local.update(groups=groups, until=time.monotonic() + LOCAL_SECONDS)
    return groups


def place_names_changed() -> None:
    """Forget the cached groups (a place was added, renamed or deleted); other processes within LOCAL_SECONDS."""
    cache.delete(CACHE_KEY)
    _local["groups"] = None


def query_alternatives(text: str) -> list[str]:
    """The query said with each place it names called by its other names (at most a few)."""
    folded = f" {fold(text)} "
    alternatives = []
    for names in place_name_groups():
        for name in names:
            if f" {name} " in folded:
                alternatives += [folded.replace(f" {name} ", f" {other} ").strip() for other in names if other != name]
    return list(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES]
