"""Tests for archive.dates: free-text English and Welsh dates read into ranges.

Pure Python: runs without Django (``-p no:django``).
"""
import dataclasses
from datetime import date

import pytest

from archive.dates import DateRange, centre_decade, decade_of, parse_date_text

D = date


@pytest.fixture(autouse=True, scope="module")
def _clean_media():
    """Override tests/conftest.py's media clean-up: these tests touch no files and
    must run without Django settings (``-p no:django``)."""
    yield


def _case(text, start, end):
    return pytest.param(text, start, end, id=text or "<empty>")


def _cases(rows):
    return [_case(*row) for row in rows]


YEAR = (D(1947, 1, 1), D(1947, 12, 31))
DAY = (D(1947, 5, 12), D(1947, 5, 12))
MAY = (D(1947, 5, 1), D(1947, 5, 31))
WAR = (D(1914, 1, 1), D(1918, 12, 31))
FIFTIES = (D(1950, 1, 1), D(1959, 12, 31))

READABLE = _cases([
    # years
    ("1947", *YEAR),
    ("  1947  ", *YEAR),
    ("in 1947", *YEAR),
    ("yn 1947", *YEAR),
    ("the year 1947", *YEAR),
    ("[1947]", *YEAR),
    ("1947.", *YEAR),
    ("1000", D(1000, 1, 1), D(1000, 12, 31)),
    ("2100", D(2100, 1, 1), D(2100, 12, 31)),
    # full dates, English
    ("12 May 1947", *DAY),
    ("12 may 1947", *DAY),
    ("12  MAY   1947", *DAY),
    ("May 12, 1947", *DAY),
    ("May 12 1947", *DAY),
    ("May 12th, 1947", *DAY),
    ("12th May 1947", *DAY),
    ("12th of May 1947", *DAY),
    ("12 May, 1947", *DAY),
    ("on 12 May 1947", *DAY),
    ("1st Jan 1900", D(1900, 1, 1), D(1900, 1, 1)),
    ("3rd Sept. 1939", D(1939, 9, 3), D(1939, 9, 3)),
    ("29 Feb 1948", D(1948, 2, 29), D(1948, 2, 29)),
    # full dates, Welsh
    ("12 Mai 1947", *DAY),
    ("12fed Mai 1947", *DAY),
    ("12fed o Fai 1947", *DAY),
    ("y 12fed o Fai 1947", *DAY),
    ("1af Ionawr 1900", D(1900, 1, 1), D(1900, 1, 1)),
    ("25ain Rhagfyr 1914", D(1914, 12, 25), D(1914, 12, 25)),
    ("3ydd o Fedi 1939", D(1939, 9, 3), D(1939, 9, 3)),
    # numeric dates
    ("12/05/1947", *DAY),
    ("12/5/1947", *DAY),
    ("12.05.1947", *DAY),
    ("12-05-1947", *DAY),
    ("1947-05-12", *DAY),
    ("01/02/1947", D(1947, 2, 1), D(1947, 2, 1)),  # UK day-first, not 2 January
    ("5/12/1947", D(1947, 12, 5), D(1947, 12, 5)),
    # month and year
    ("May 1947", *MAY),
    ("may of 1947", *MAY),
    ("Mai 1947", *MAY),
    ("mis Mai 1947", *MAY),
    ("ym mis Mai 1947", *MAY),
    ("1947-05", *MAY),
    ("05/1947", *MAY),
    ("Feb 1948", D(1948, 2, 1), D(1948, 2, 29)),
    ("Chwefror 1947", D(1947, 2, 1), D(1947, 2, 28)),
    ("Gorffennaf 1947", D(1947, 7, 1), D(1947, 7, 31)),
    ("Tachwedd 1947", D(1947, 11, 1), D(1947, 11, 30)),
    ("Hydref 1947", D(1947, 10, 1), D(1947, 10, 31)),  # October, not autumn
    ("mis Hydref 1947", D(1947, 10, 1), D(1947, 10, 31)),
    ("1947-12", D(1947, 12, 1), D(1947, 12, 31)),
    # seasons
    ("summer 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("Summer of 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("the summer of 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("spring 1947", D(1947, 3, 1), D(1947, 5, 31)),
    ("autumn 1947", D(1947, 9, 1), D(1947, 11, 30)),
    ("fall 1947", D(1947, 9, 1), D(1947, 11, 30)),
    ("winter 1947", D(1947, 12, 1), D(1948, 2, 29)),
    ("winter 1946-47", D(1946, 12, 1), D(1947, 2, 28)),
    ("winter 1946/1947", D(1946, 12, 1), D(1947, 2, 28)),
    ("haf 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("yr haf 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("yn yr haf 1947", D(1947, 6, 1), D(1947, 8, 31)),
    ("gwanwyn 1947", D(1947, 3, 1), D(1947, 5, 31)),
    ("gaeaf 1947", D(1947, 12, 1), D(1948, 2, 29)),
    ("gaeaf 1946/47", D(1946, 12, 1), D(1947, 2, 28)),
    ("yr hydref 1947", D(1947, 9, 1), D(1947, 11, 30)),  # with the article: autumn
    ("yn yr hydref 1947", D(1947, 9, 1), D(1947, 11, 30)),
    # decades
    ("1950s", *FIFTIES),
    ("1950's", *FIFTIES),
    ("1950’s", *FIFTIES),
    ("the 1950s", *FIFTIES),
    ("The 1950S", *FIFTIES),
    ("1950au", *FIFTIES),
    ("y 1950au", *FIFTIES),
    ("early 1950s", D(1950, 1, 1), D(1953, 12, 31)),
    ("the early 1950s", D(1950, 1, 1), D(1953, 12, 31)),
    ("mid 1950s", D(1954, 1, 1), D(1956, 12, 31)),
    ("mid-1950s", D(1954, 1, 1), D(1956, 12, 31)),
    ("the mid-1950s", D(1954, 1, 1), D(1956, 12, 31)),
    ("late 1950s", D(1957, 1, 1), D(1959, 12, 31)),
    ("dechrau'r 1950au", D(1950, 1, 1), D(1953, 12, 31)),
    ("dechrau’r 1950au", D(1950, 1, 1), D(1953, 12, 31)),
    ("canol y 1950au", D(1954, 1, 1), D(1956, 12, 31)),
    ("diwedd y 1950au", D(1957, 1, 1), D(1959, 12, 31)),
    # centuries
    ("19th century", D(1800, 1, 1), D(1899, 12, 31)),
    ("the 19th century", D(1800, 1, 1), D(1899, 12, 31)),
    ("19th-century", D(1800, 1, 1), D(1899, 12, 31)),
    ("19th c.", D(1800, 1, 1), D(1899, 12, 31)),
    ("early 20th century", D(1900, 1, 1), D(1939, 12, 31)),
    ("mid 20th century", D(1940, 1, 1), D(1969, 12, 31)),
    ("late 19th century", D(1870, 1, 1), D(1899, 12, 31)),
    ("21st century", D(2000, 1, 1), D(2099, 12, 31)),
    ("11th century", D(1000, 1, 1), D(1099, 12, 31)),
    ("19eg ganrif", D(1800, 1, 1), D(1899, 12, 31)),
    ("y 19eg ganrif", D(1800, 1, 1), D(1899, 12, 31)),
    ("20fed ganrif", D(1900, 1, 1), D(1999, 12, 31)),
    ("yr 20fed ganrif", D(1900, 1, 1), D(1999, 12, 31)),
    ("dechrau'r 20fed ganrif", D(1900, 1, 1), D(1939, 12, 31)),
    ("diwedd y 19eg ganrif", D(1870, 1, 1), D(1899, 12, 31)),
    # ranges of years
    ("1914-1918", *WAR),
    ("1914–1918", *WAR),
    ("1914—1918", *WAR),
    ("1914 - 1918", *WAR),
    ("1914 – 1918", *WAR),
    ("1914/1918", *WAR),
    ("1914 to 1918", *WAR),
    ("from 1914 to 1918", *WAR),
    ("From 1914 until 1918", *WAR),
    ("between 1914 and 1918", *WAR),
    ("1914 i 1918", *WAR),
    ("o 1914 i 1918", *WAR),
    ("rhwng 1914 a 1918", *WAR),
    ("rhwng 1914 ac 1918", *WAR),
    ("1914-18", *WAR),
    ("1914 - 18", *WAR),
    ("1939-45", D(1939, 1, 1), D(1945, 12, 31)),
    ("1905-06", D(1905, 1, 1), D(1906, 12, 31)),  # consecutive years: school year
    ("1911-12", D(1911, 1, 1), D(1912, 12, 31)),
    ("1911–12", D(1911, 1, 1), D(1912, 12, 31)),
    ("1947/48", D(1947, 1, 1), D(1948, 12, 31)),
    ("1947 or 1948", D(1947, 1, 1), D(1948, 12, 31)),
    ("1948 or 1947", D(1947, 1, 1), D(1948, 12, 31)),  # "or" is order-free
    ("1947 neu 1948", D(1947, 1, 1), D(1948, 12, 31)),
    # ranges of other forms
    ("May 1947 - June 1948", D(1947, 5, 1), D(1948, 6, 30)),
    ("May 1947 to June 1948", D(1947, 5, 1), D(1948, 6, 30)),
    ("Mai 1947 i Mehefin 1948", D(1947, 5, 1), D(1948, 6, 30)),
    ("May-June 1947", D(1947, 5, 1), D(1947, 6, 30)),
    ("12-15 May 1947", D(1947, 5, 12), D(1947, 5, 15)),
    ("12 May 1947 - 1948", D(1947, 5, 12), D(1948, 12, 31)),
    ("1947-05-12 - 1947-06-01", D(1947, 5, 12), D(1947, 6, 1)),
    ("summer 1947 - spring 1948", D(1947, 6, 1), D(1948, 5, 31)),
    ("1940s-1950s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1940s - 1950s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1940s-50s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1940s or 1950s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1950s or 1940s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1940au neu 1950au", D(1940, 1, 1), D(1959, 12, 31)),
    ("late 1940s to early 1950s", D(1947, 1, 1), D(1953, 12, 31)),
    ("the 1950s and 1960s", D(1950, 1, 1), D(1969, 12, 31)),
    ("1940s/50s", D(1940, 1, 1), D(1959, 12, 31)),
    ("1950-60", D(1950, 1, 1), D(1960, 12, 31)),
    ("May/June 1947", D(1947, 5, 1), D(1947, 6, 30)),
    ("19th/20th century", D(1800, 1, 1), D(1999, 12, 31)),
    ("late 19th/early 20th century", D(1870, 1, 1), D(1939, 12, 31)),
    # open ranges
    ("before 1920", None, D(1919, 12, 31)),
    ("Before 1920", None, D(1919, 12, 31)),
    ("cyn 1920", None, D(1919, 12, 31)),
    ("pre-1920", None, D(1919, 12, 31)),
    ("pre 1920", None, D(1919, 12, 31)),
    ("prior to 1920", None, D(1919, 12, 31)),
    ("before May 1947", None, D(1947, 4, 30)),
    ("before the 1950s", None, D(1949, 12, 31)),
    ("after 1945", D(1946, 1, 1), None),
    ("ar ôl 1945", D(1946, 1, 1), None),
    ("ar ol 1945", D(1946, 1, 1), None),
    ("wedi 1945", D(1946, 1, 1), None),
    ("post-1945", D(1946, 1, 1), None),
    ("after 12 May 1947", D(1947, 5, 13), None),
    ("since 1945", D(1945, 1, 1), None),
    ("ers 1945", D(1945, 1, 1), None),
    ("1945 onwards", D(1945, 1, 1), None),
    ("o 1945 ymlaen", D(1945, 1, 1), None),
    ("until 1920", None, D(1920, 12, 31)),
    ("up to 1920", None, D(1920, 12, 31)),
    ("hyd at 1920", None, D(1920, 12, 31)),
    ("tan 1920", None, D(1920, 12, 31)),
    # circa: years widen by 2 years each side
    ("c. 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("c.1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("c 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("c1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("C. 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("ca. 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("ca 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("circa 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("Circa   1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("approx. 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("approximately 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("about 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("around 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("tua 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("oddeutu 1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("1950?", D(1948, 1, 1), D(1952, 12, 31)),
    ("1950 ?", D(1948, 1, 1), D(1952, 12, 31)),
    ("?1950", D(1948, 1, 1), D(1952, 12, 31)),
    ("1950 (?)", D(1948, 1, 1), D(1952, 12, 31)),
    ("1950 or so", D(1948, 1, 1), D(1952, 12, 31)),
    ("[c. 1950]", D(1948, 1, 1), D(1952, 12, 31)),
    ("1947?", D(1945, 1, 1), D(1949, 12, 31)),
    # circa: decades widen by 5 years, centuries by 10, days/months/seasons by a month
    ("c. 1950s", D(1945, 1, 1), D(1964, 12, 31)),
    ("1950s?", D(1945, 1, 1), D(1964, 12, 31)),
    ("about the 1950s", D(1945, 1, 1), D(1964, 12, 31)),
    ("tua'r 1950au", D(1945, 1, 1), D(1964, 12, 31)),
    ("c. early 1950s", D(1948, 1, 1), D(1955, 12, 31)),
    ("c. 19th century", D(1790, 1, 1), D(1909, 12, 31)),
    ("c. 12 May 1947", D(1947, 4, 1), D(1947, 6, 30)),
    ("c. May 1947", D(1947, 4, 1), D(1947, 6, 30)),
    ("June 1947?", D(1947, 5, 1), D(1947, 7, 31)),
    ("tua Mai 1947", D(1947, 4, 1), D(1947, 6, 30)),
    ("c. summer 1947", D(1947, 5, 1), D(1947, 9, 30)),
    ("c. winter 1947", D(1947, 11, 1), D(1948, 3, 31)),
    # circa on ranges: on the whole range both ends, on one end only that end
    ("c. 1914-1918", D(1912, 1, 1), D(1920, 12, 31)),
    ("1914-1918?", D(1912, 1, 1), D(1920, 12, 31)),
    ("c. 1914 - 1918", D(1912, 1, 1), D(1920, 12, 31)),
    ("1914 - c. 1918", D(1914, 1, 1), D(1920, 12, 31)),
    ("1914? - 1918", D(1912, 1, 1), D(1918, 12, 31)),
    ("between c. 1914 and 1918", D(1912, 1, 1), D(1918, 12, 31)),
    # a season with a non-consecutive or non-winter second year is a plain range
    ("summer 1947-48", D(1947, 6, 1), D(1948, 12, 31)),
    ("winter 1947-49", D(1947, 12, 1), D(1949, 12, 31)),
    # circa on open ranges moves the bound outwards
    ("before c. 1920", None, D(1921, 12, 31)),
    ("c. before 1920", None, D(1921, 12, 31)),
    ("after c. 1945", D(1944, 1, 1), None),
])

UNREADABLE = [
    "when Dad was young",
    "pan oedd Taid yn ifanc",
    "",
    "   ",
    "\t\n",
    "?",
    "c.",
    "circa",
    "19477",
    "194",
    "0001",
    "999",
    "0999",
    "2101",
    "3000",
    "31/02/1947",
    "29/02/1947",
    "31 June 1947",
    "1947-02-30",
    "1947-13",
    "13/13/1947",
    "32 May 1947",
    "May 32, 1947",
    "12/05/47",  # two-digit years are ambiguous
    "May",
    "summer",
    "1950s-ish",
    "10th century",
    "22nd century",
    "2100s",
    "before",
    "cyn",
    "after the war",
    "between the wars",
    "yn niwedd y 1950au",  # nasal mutation after "yn" is not supported
    "1918-1914",  # reversed ranges are unreadable, not swapped
    "1918 to 1914",
    "rhwng 1918 a 1914",
    "June 1948 - May 1947",
    "1950s-1940s",
    "1947-1948-1949",
    "abc 1947",
    "1947 abc",
    "x" * 500,
    "1" * 500,
    "c. " * 200 + "1950",
    # punctuation and fragments
    "-", "--", "/", "1947-", "-1947", "to 1947", "1947 to", "between and", "rhwng a",
    "c. c. c.", "(((1947", "[]", "()", "1947)", "’", "'s", "50s", "'50s", "mid", "y",
    "yr hydref", "ym mis", "0000-00-00", "9999-99-99", "00/00/0000", "1947-05-12-13",
    "early", "19th", "ganrif", "1950au-", "or 1947", "1947 or",
]


@pytest.mark.parametrize(("text", "start", "end"), READABLE)
def test_reads(text, start, end):
    result = parse_date_text(text)
    assert (result.start, result.end) == (start, end)
    assert result.text == text.strip()
    assert result.is_parsed is (start is not None or end is not None)


@pytest.mark.parametrize("text", UNREADABLE, ids=lambda t: repr(t)[:30])
def test_unreadable_keeps_text(text):
    result = parse_date_text(text)
    assert result == DateRange(text.strip(), None, None)
    assert not result.is_parsed


def test_iso_month_with_hyphen_is_a_month_unless_consecutive_years():
    assert parse_date_text("1914-12") == DateRange("1914-12", D(1914, 12, 1), D(1914, 12, 31))
    assert parse_date_text("1914-11").start == D(1914, 11, 1)
    # An en dash or spaces make it a range; 1914-1912 is reversed, so unreadable.
    assert not parse_date_text("1914–12").is_parsed
    assert not parse_date_text("1914 - 12").is_parsed


@pytest.mark.parametrize("text", ["  c. 1950  ", "\tMai 1947\n", "  when Dad was young "])
def test_text_is_kept_exactly_as_typed_but_stripped(text):
    assert parse_date_text(text).text == text.strip()


def test_original_case_and_punctuation_are_kept():
    assert parse_date_text("C.  1950S?").text == "C.  1950S?"


def test_none_and_non_strings_never_raise():
    assert parse_date_text(None) == DateRange("", None, None)
    assert parse_date_text(1947) == DateRange("1947", D(1947, 1, 1), D(1947, 12, 31))


def test_date_range_is_frozen_and_open_ranges_count_as_parsed():
    result = parse_date_text("before 1920")
    assert result.is_parsed and result.start is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.start = D(1900, 1, 1)


@pytest.mark.parametrize(("day", "decade"), [
    (D(1957, 6, 1), 1950), (D(1950, 1, 1), 1950), (D(1959, 12, 31), 1950),
    (D(1900, 3, 4), 1900), (D(2001, 1, 1), 2000), (D(1099, 1, 1), 1090),
])
def test_decade_of(day, decade):
    assert decade_of(day) == decade


def test_decade_of_combines_with_parsing():
    result = parse_date_text("mid-1950s")
    assert decade_of(result.start) == decade_of(result.end) == 1950


# Each dated item belongs to one decade: the one holding the centre of its range, by month. A centre on a
# boundary ("1940s or 1950s" = 1940-1959, centred on 1 January 1950) counts for the later decade.
@pytest.mark.parametrize(("text", "decade"), [
    ("c. 1950s", 1950),  # 1945-1964: reaches into the 1940s and 1960s, centred in the 1950s
    ("1947–1953", 1950), ("1947-1953", 1950), ("1914-1918", 1910), ("1914-18", 1910), ("early 1960s", 1960),
    ("1940s or 1950s", 1950), ("1940s-50s", 1950), ("1945-1954", 1950), ("1944-1953", 1940),
    ("1947", 1940), ("1949", 1940), ("summer 1947", 1940), ("haf 1952", 1950), ("May 1936", 1930),
    ("1920au", 1920), ("12 Mai 1951", 1950), ("late 1930s", 1930), ("c. 1925", 1920), ("Gaeaf 1962", 1960),
    ("winter 1949-50", 1950), ("31 December 1949", 1940), ("c. 1950", 1950), ("dechrau'r 1950au", 1950),
    ("19th century", 1850), ("before 1920", 1910), ("since 1945", 1940),
])
def test_a_date_belongs_to_the_decade_its_range_is_centred_on(text, decade):
    parsed = parse_date_text(text)
    assert centre_decade(parsed.start, parsed.end) == decade


def test_an_undated_item_belongs_to_no_decade():
    parsed = parse_date_text("when Dad was young")
    assert centre_decade(parsed.start, parsed.end) is None
