"""Database ids read from URLs, query strings and forms: one parser for every route and parameter.

An id is written in ASCII digits only and is a number from 1 to 2**63 - 1 (the largest primary key
PostgreSQL's ``bigint`` holds). ``str.isdigit()`` is not enough: it accepts "²" and other digits
that ``int()`` refuses, and a number past 2**63 - 1 overflows the database driver. Everything
outside this range names no record: routes answer 404 (the ``id`` path converter), parameters and
form fields a 400 naming the parameter.
"""
MAX_ID = 2**63 - 1
MAX_ID_DIGITS = len(str(MAX_ID))  # 19


def parse_id(value) -> int | None:
    """The id written in ``value`` (a string of ASCII digits, spaces around it allowed, or an int), else None.

    None for anything else: empty, signs, "²", "1.0", 0, or a number past :data:`MAX_ID`.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > MAX_ID_DIGITS:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def written_as_number(value) -> bool:
    """Whether ``value`` is written in digits alone (of any script: "12", "²", "99999999999999999999").

    Fields that take an id or a name (a place, a person, a subject) read such a value as an id, so
    that a number that names no record is refused rather than made into a new name.
    """
    return str(value).strip().isdigit()


class IdConverter:
    """The ``<id:name>`` path converter: an id as :func:`parse_id` reads it (anything else is a 404)."""

    regex = "[0-9]{1,%d}" % MAX_ID_DIGITS

    def to_python(self, value: str) -> int:
        """The id; ValueError (so the URL does not match: a 404) when out of range."""
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value!r} is not an id")
        return number

    def to_url(self, value) -> str:
        """The id as written in URLs."""
        return str(int(value))
