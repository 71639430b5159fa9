"""Read the free-text dates villagers type ("c. 1950", "haf 1947", "1914-18").

Stdlib only.  Never raises: unreadable text gives start = end = None, and
``.text`` keeps the text as typed (stripped).  English and Welsh, any case,
ignoring accents, extra spaces, fillers ("in", "the", "yn", "ym mis"),
curly apostrophes, [brackets] and a final full stop.

* Days and months: "1947", "1947-05-12", "1947-05", "12/05/1947" (UK
  day-first; "." or "-" also), "05/1947", "12 May 1947", "12th May 1947",
  "May 12, 1947", "12 Mai 1947", "12fed o Fai 1947", "mis Mai 1947".
  Impossible days ("31/02/1947") are unreadable.  Years 1000-2100 only.
* Seasons: spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter
  Dec to Feb of the next year ("winter 1946-47" names it explicitly);
  Welsh gwanwyn, haf, gaeaf.  "Hydref" is both October and autumn:
  "Hydref 1947" / "mis Hydref 1947" mean October; only with the article,
  as in ordinary Welsh ("yr hydref 1947", "yn yr hydref"), autumn.
* Decades "1950s", "1950's", "1950au"; early/mid/late = years 0-3/4-6/7-9
  ("mid-1950s", "dechrau'r 1950au", "canol y 1950au", "diwedd y 1950au").
* Centuries: "19th century", "19eg ganrif" = 1800-1899 (the everyday
  reading, not the strict 1801-1900); early/mid/late = years 00-39/40-69/
  70-99, the decade proportions ("early 20th century" = 1900-1939).
* Ranges: "1914-1918" (hyphen or dash, spaced or not), "1914 to 1918",
  "from/between ... to/and ...", "1914 i 1918", "rhwng 1914 a 1918", mixed
  forms ("May 1947 - June 1948", "1940s-1950s"), a shared year ("May-June
  1947", "12-15 May 1947"), an abbreviated end in the start's century
  ("1914-18", "1940s-50s").  "X or Y" / "X neu Y" spans both, any order.
  A range ending before it starts ("1918-1914") is UNREADABLE, not swapped:
  it is usually a typo, and a guess could file it in the wrong century.
  "YYYY-MM" (ASCII hyphen, month 01-12) is a month, except consecutive
  years ("1905-06", "1911-12"), far likelier as school years or seasons.
* Open ranges: "before/cyn/pre-1920" end 1919-12-31; "after/ar ôl/wedi/
  post-1945" start 1946-01-01; "until/up to/hyd at/tan 1920" end
  1920-12-31; "since/from/ers 1945", "1945 onwards/ymlaen" start 1945-01-01.

Circa ("c.", "c", "ca.", "circa", "approx.", "about", "around", "roughly",
"tua", "oddeutu", "?" as in "1947?", "or so") widens each end by the
precision typed: a year or part-decade by 2 years ("c. 1950" =
1948-01-01..1952-12-31), a decade by 5 years ("c. 1950s" = 1945..1964), a
century by 10 years, a day, month or season to the whole month either side.
Before a whole range, or "?" after it, it widens both ends; next to one end
only that end.  "before c. 1920" moves the bound outwards (to 1921-12-31).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

__all__ = ["DateRange", "parse_date_text", "decade_of", "centre_decade"]


@dataclass(frozen=True)
class DateRange:
    """A free-text date and the inclusive date range read from it."""

    text: str
    start: date | None = None
    end: date | None = None

    @property
    def is_parsed(self) -> bool:
        """True when at least one end of the range could be read."""
        return self.start is not None or self.end is not None


def decade_of(d: date) -> int:
    """Return the decade a date falls in, for faceting: 1950 for 1957-06-01."""
    return d.year // 10 * 10


def centre_decade(start: date | None, end: date | None) -> int | None:
    """The one decade a date range belongs to: the decade holding the centre of the range, by month.

    "c. 1950s" (1945-1964), "1947-1953" and "1940s or 1950s" (1940-1959, centred on 1 January 1950: a centre
    on a boundary counts for the later decade) all give 1950; "1914-1918" gives 1910. Counting by whole
    months keeps leap days from tipping an even range into the earlier decade. A range known at one end
    only ("before 1920") belongs to that end's decade; an undated item (None, None) to none.
    """
    if start is None and end is None:
        return None
    start, end = start or end, end or start
    first = start.year * 12 + start.month - 1  # months since year 0, the start's month included
    after = end.year * 12 + end.month  # ... the end's month included
    return (first + after) // 2 // 12 // 10 * 10


def parse_date_text(text: str) -> DateRange:
    """Read free English or Welsh text into a ``DateRange`` (rules above); never raises."""
    raw = "" if text is None else (text if isinstance(text, str) else str(text)).strip()
    try:
        bounds = _parse(raw)
    except (ValueError, OverflowError):  # defensive: the helpers should not raise
        bounds = None
    return DateRange(raw, *bounds) if bounds else DateRange(raw)


class _Span(NamedTuple):
    start: date
    end: date
    widen: int  # months added each side when the date is approximate


_DAYISH, _YEAR, _DECADE, _CENTURY = 1, 24, 60, 120

_MONTHS = {name: i for i, names in enumerate([
    "january jan ionawr ion", "february feb chwefror chwef", "march mar mawrth fawrth",
    "april apr ebrill", "may mai fai", "june jun mehefin fehefin",
    "july jul gorffennaf orffennaf gorff", "august aug awst",
    "september sept sep medi fedi", "october oct hydref",
    "november nov tachwedd dachwedd", "december dec rhagfyr ragfyr"], 1)
    for name in names.split()}
_SEASONS = {"spring": 3, "gwanwyn": 3, "summer": 6, "haf": 6,
            "autumn": 9, "fall": 9, "winter": 12, "gaeaf": 12}
_PART = {"early": 0, "dechrau": 0, "nechrau": 0, "ddechrau": 0,
         "mid": 1, "middle": 1, "canol": 1, "ganol": 1,
         "late": 2, "diwedd": 2, "ddiwedd": 2}


def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_MON, _SEA, _Q = _alt(_MONTHS), _alt(_SEASONS), _alt(_PART)
_SUFFIX = r"(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"
_QUAL = rf"(?:({_Q})[\s-]*(?:(?:the|of the|y|yr)\s+)?)?"
_CIRCA = re.compile(r"^(?:circa|approximately|approx|about|around|roughly|tua|oddeutu|"
                    r"o ddeutu|ca|c)(?:\.\s*|\s+|(?=\d))")
_UNSURE = re.compile(r"(?:\s*\(?\?+\)?|\s+or so|\s+or thereabouts)$")
_FILLER = re.compile(r"^(?:in|on|during|yn ystod|yn|ym|of|the|yr|y|mis|year|"
                     r"flwyddyn|blwyddyn)\s+")
_OPEN = re.compile(r"^(?P<w>before|prior to|pre|cyn|after|post|ar ol|wedi|since|from|ers|"
                   r"until|till|up to|up until|hyd at|hyd|tan)(?:\s+|-|(?=\d))(?P<x>.+)$")
_ONWARDS = re.compile(r"^(?:from\s+|o\s+)?(?P<x>.+?)[\s-]+(?:onwards?|on|ymlaen)$")
_SEP = re.compile(r"\s*[-–/]\s*|\s+(to|i|until|till|tan|hyd at|hyd|and|ac|a|or|neu)\s+")


def _year(s: str, low: int = 1000, high: int = 2100) -> int:
    if not low <= (y := int(s)) <= high:
        raise ValueError(f"out of range: {s}")
    return y


def _months(y: int, m: int, n: int = 1) -> _Span:  # n whole months from month m
    return _Span(date(y, m, 1), _shift(date(y, m, 1), n - 1, True), _DAYISH)


def _shift(d: date, months: int, to_end: bool) -> date:
    """Move by whole months, snapping to the first (or last) day of the month."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, calendar.monthrange(y, m + 1)[1] if to_end else 1)


def _day(y: str, m: int | str, d: str) -> _Span:
    day = date(_year(y), int(m), int(d))
    return _Span(day, day, _DAYISH)


def _season(m: re.Match) -> _Span | None:
    y, first = _year(m[2]), _SEASONS[m[1]]
    if m[3] and int(m[3]) % 100 != (y + 1) % 100 or (m[3] and first != 12):
        return None  # only "winter 1946-47" may name a second year
    return _months(y, first, 3)


def _decade(m: re.Match) -> _Span:
    y, part = _year(m[2], high=2090), _PART.get(m[1], 3)
    a, b = ((0, 3), (4, 6), (7, 9), (0, 9))[part]
    return _Span(date(y + a, 1, 1), date(y + b, 12, 31), _DECADE if part == 3 else _YEAR)


def _century(m: re.Match) -> _Span:
    y = (_year(m[2], 11, 21) - 1) * 100
    a, b = ((0, 39), (40, 69), (70, 99), (0, 99))[_PART.get(m[1], 3)]
    return _Span(date(y + a, 1, 1), date(y + b, 12, 31), _CENTURY)


_TERMS = [
    (r"(\d{4})", lambda m: _Span(date(_year(m[1]), 1, 1), date(int(m[1]), 12, 31), _YEAR)),
    (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: _day(m[1], m[2], m[3])),
    (r"(\d{4})-(\d{2})", lambda m: None if int(m[2]) == (int(m[1]) + 1) % 100  # 1905-06
     else _months(_year(m[1]), int(m[2]))),
    (r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", lambda m: _day(m[4], m[3], m[1])),
    (r"(\d{1,2})/(\d{4})", lambda m: _months(_year(m[2]), int(m[1]))),
    (rf"(\d{{1,2}}){_SUFFIX}\s*(?:of\s+|o\s+)?({_MON})\.?,?\s*(\d{{4}})",
     lambda m: _day(m[3], _MONTHS[m[2]], m[1])),
    (rf"({_MON})\.?\s+(\d{{1,2}}){_SUFFIX},?\s*(\d{{4}})",
     lambda m: _day(m[3], _MONTHS[m[1]], m[2])),
    (rf"({_MON})\.?,?\s*(?:of\s+|o\s+)?(\d{{4}})", lambda m: _months(_year(m[2]), _MONTHS[m[1]])),
    (rf"({_SEA})\s+(?:of\s+)?(\d{{4}})(?:\s*[-–/]\s*(\d{{2}}|\d{{4}}))?", _season),
    (rf"{_QUAL}(\d{{3}}0)(?:'?s|'?au)", _decade),
    (rf"{_QUAL}(\d{{1,2}}){_SUFFIX}[\s-]*(?:century|cent\.?|c\.?|ganrif|canrif)", _century),
]
_TERMS = [(re.compile(rx + "$"), fn) for rx, fn in _TERMS]


def _term(s: str) -> _Span | None:
    """One date expression (no qualifiers, no ranges), or None."""
    for rx, fn in _TERMS:
        if m := rx.match(s):
            try:
                if span := fn(m):
                    return span
            except (ValueError, KeyError):
                return None
    return None


def _normalise(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.lower().translate(str.maketrans("’‘`´\u2010\u2011", "''''--", ))
    s = re.sub("[\u2012-\u2015\u2212]", "–", s)
    s = re.sub(r"'r\b", " yr", s)
    return " ".join(s.split()).rstrip(" .,;:!")


def _strip(s: str) -> tuple[str, bool]:
    """Remove circa markers, fillers and brackets; report whether circa."""
    circa = False
    while True:
        before = s
        s = re.sub(r"^yr hydref\b", "autumn", s)  # Welsh autumn takes the article
        if m := _CIRCA.match(s) or re.match(r"^\?+\s*", s):
            s, circa = s[m.end():], True
        if m := _UNSURE.search(s):
            s, circa = s[:m.start()], True
        if m := re.fullmatch(r"[\[(]([^\[\]()]*)[\])]", s):
            s = m[1]
        if m := _FILLER.match(s):
            s = s[m.end():]
        s = s.strip(" ,;:")
        if s == before:
            return s, circa


def _side(s: str, circa: bool) -> tuple[_Span, bool] | None:
    s, own = _strip(s)
    return (span, circa or own) if (span := _term(s)) else None


def _bounds(span: _Span, circa: bool) -> tuple[date, date]:
    return ((_shift(span.start, -span.widen, False), _shift(span.end, span.widen, True))
            if circa else (span.start, span.end))


def _open(s: str, circa: bool) -> tuple[date | None, date | None] | None:
    m = _OPEN.match(s) or _ONWARDS.match(s)
    if not m or not (side := _side(m["x"], circa)):
        return None
    (span, c), word = side, m.groupdict().get("w", "since")
    if word in ("before", "prior to", "pre", "cyn"):
        return None, (_shift(span.start, span.widen, False) if c else span.start) - timedelta(1)
    if word in ("after", "post", "ar ol", "wedi"):
        return (_shift(span.end, -span.widen, True) if c else span.end) + timedelta(1), None
    lo, hi = _bounds(span, c)
    return (lo, None) if word in ("since", "from", "ers") else (None, hi)


def _range(s: str, circa: bool) -> tuple[date, date] | None:
    s = re.sub(r"^(?:from|between|rhwng|o)\s+", "", s)
    for sep in _SEP.finditer(s):
        left, right = s[:sep.start()], s[sep.end():]
        if left and right and (found := _pair(left, right, sep[1], circa)):
            return found
    return None


def _pair(left: str, right: str, word: str | None, circa: bool):
    L, R = _side(left, circa), _side(right, circa)
    tokens = right.split()
    for k in (1, 2):  # "May-June 1947", "12-15 May 1947": borrow the right's year
        if not L and len(tokens) > k:
            L = _side(f"{left} {' '.join(tokens[-k:])}", circa)
    abbrev = re.fullmatch(r"\d{2}(?:'?s|'?au)?\??", right)
    full = re.search(r"(\d\d)\d\d(?:'?s|'?au)?\??$", left)
    if not R and abbrev and full:  # "1914-18", "1940s-50s": same century as start
        R = _side(full[1] + right, circa)
    if not (L and R):
        return None
    (ls, le), (rs, re_) = _bounds(*L), _bounds(*R)
    if word in ("or", "neu"):
        return min(ls, rs), max(le, re_)
    return (ls, re_) if re_ >= ls else None  # reversed ranges are unreadable


def _parse(raw: str) -> tuple[date | None, date | None] | None:
    s = _normalise(raw)
    if not s or len(s) > 120:
        return None
    s, circa = _strip(s)
    if side := _side(s, circa):
        return _bounds(*side)
    return _open(s, circa) or _range(s, circa)
