"""The search API's JSON renderer writes exactly what DRF's own would."""
import datetime
import json
import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from api.renderers import FastJSONRenderer

ANSWER = {
    "count": 2, "next": None, "results": [
        {"id": 7, "title": {"cy": "Capel Bethania, Troedrhiwfuwch", "en": "Bethania chapel"}, "score": 3.25,
         "highlight": {"text": ["Côr <mark>meibion</mark> — 1953 ‘tân’"]}, "thumbnail": None}],
    "facets": {"place": [{"value": "3", "label": "Rhymni", "count": 1, "selected": True}]},
    "geo": [{"key": "7/62/42", "lat": 51.75, "lon": -3.25, "count": 2}],
}
ODD = {"when": datetime.datetime(2026, 12, 1, 18, 0, 5, 123456, tzinfo=datetime.timezone.utc),
       "day": datetime.date(1953, 6, 2), "lazy": gettext_lazy("Search"), "money": Decimal("1.50"),
       "id": uuid.UUID(int=5), 1953: "a year as a key"}


def test_it_writes_the_same_json_as_drf():
    for data in (ANSWER, ODD):
        fast, drf = FastJSONRenderer().render(data), JSONRenderer().render(data)
        assert json.loads(fast) == json.loads(drf)
    assert b"\xc3\xb4" in FastJSONRenderer().render(ANSWER)  # UTF-8, not \u escapes
    assert b'"2026-12-01T18:00:05.123456Z"' in FastJSONRenderer().render(ODD)


def test_an_indented_answer_is_drf_s_own():
    indented = FastJSONRenderer().render(ANSWER, "application/json; indent=2")
    assert indented == JSONRenderer().render(ANSWER, "application/json; indent=2") and b"\n  " in indented
