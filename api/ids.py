"""Database ids in API fields and query parameters, read as :mod:`archive.ids` reads them.

A bad id in a field or a parameter is a 400 that names it (routes use the ``<id:…>`` path converter,
where a bad id is a 404).
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from archive.ids import MAX_ID, parse_id


class IdField(serializers.IntegerField):
    """An id: a whole number from 1 to 2**63 - 1 (in JSON, or in ASCII digits in a form)."""

    default_error_messages = {
        "invalid": gettext_lazy("Give the number of a record (digits 0-9 only)."),
        "min_value": gettext_lazy("Give the number of a record (digits 0-9 only)."),
        "max_value": gettext_lazy("There is no record with that number."),
        "max_string_length": gettext_lazy("There is no record with that number."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        """The id; refuses "²", "1.0", signs and anything but ASCII digits in a string."""
        if isinstance(data, str):
            number = parse_id(data)
            if number is None:
                self.fail("invalid" if not data.strip().isascii() or not data.strip().isdigit() else "max_value")
            return number
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


def id_param(request, name: str) -> int | None:
    """The id in query parameter ``name`` (None when absent or empty); a 400 naming ``name`` when it is not one."""
    raw = request.query_params.get(name, "")
    if not raw.strip():
        return None
    number = parse_id(raw)
    if number is None:
        raise serializers.ValidationError({name: _("Give the number of a record (digits 0-9 only).")})
    return number
