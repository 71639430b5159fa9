"""Property-based fuzzing of the Image API parameters: ``/iiif/3/<id>/<region>/<size>/<rotation>/<quality>.<format>``.

Hypothesis writes requests three ways: the stored tiles and sizes of a real picture (each must answer
200 with a JPEG), other requests in the Image API 3 grammar (a level-0 service may not have them: 200
or 404, never 400) and anything else (text, digits and the grammar's own pieces in the wrong order:
400). Every refusal names the problem in both languages; nothing is ever a server error.
https://iiif.io/api/image/3.0/#4-image-requests
"""
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.fuzzing import counted, fuzz_settings

SUITE = "Hypothesis (IIIF Image API parameters)"

# The Image API 3 grammar, written from the specification (not from the server's own pattern).
NUMBER = r"(?:\d+(?:\.\d+)?)"
GRAMMAR = re.compile(
    rf"(?:full|square|\d+,\d+,\d+,\d+|pct:{NUMBER},{NUMBER},{NUMBER},{NUMBER})"
    rf"/\^?(?:max|\d+,|,\d+|\d+,\d+|!\d+,\d+|pct:{NUMBER})"
    rf"/!?{NUMBER}"
    r"/(?:default|color|gray|bitonal)\.(?:jpg|jpeg|tif|tiff|png|gif|jp2|pdf|webp)"
)

positive = st.integers(min_value=1, max_value=5000).map(str)
count = st.integers(min_value=0, max_value=5000).map(str)
decimal = st.one_of(st.integers(0, 100).map(str), st.decimals(0, 100, places=2).map(str))
regions = st.one_of(st.sampled_from(["full", "square"]),
                    st.tuples(count, count, positive, positive).map(",".join),
                    st.tuples(decimal, decimal, decimal, decimal).map(lambda v: "pct:" + ",".join(v)))
sizes = st.tuples(st.sampled_from(["", "^"]), st.one_of(
    st.just("max"), positive.map(lambda w: f"{w},"), positive.map(lambda h: f",{h}"),
    st.tuples(positive, positive).map(",".join), st.tuples(positive, positive).map(lambda v: "!" + ",".join(v)),
    decimal.map(lambda p: f"pct:{p}"))).map("".join)
rotations = st.tuples(st.sampled_from(["", "!"]), st.one_of(st.sampled_from(["0", "90", "180", "270"]),
                                                            st.decimals(0, 360, places=1).map(str))).map("".join)
qualities = st.sampled_from(["default", "color", "gray", "bitonal"])
formats = st.sampled_from(["jpg", "jpeg", "tif", "tiff", "png", "gif", "jp2", "pdf", "webp"])


def grammatical(stored: list[str]) -> st.SearchStrategy:
    """Requests in the grammar: a stored tile's request with some of its parts (often none, or one) drawn anew,
    so that the level-0 service's every check is reached and the stored answers are among them."""

    def request(path, region, size, rotation, quality, fmt):
        stored_region, stored_size = path.split("/")[:2]
        parts = (region or stored_region, size or stored_size, rotation or "0", quality or "default")
        return "/".join(parts) + "." + (fmt or "jpg")

    def sometimes(strategy):
        return st.one_of(st.none(), st.none(), strategy)

    return st.builds(request, st.sampled_from(stored), sometimes(regions), sometimes(sizes), sometimes(rotations),
                     sometimes(qualities), sometimes(formats))


pieces = st.one_of(regions, sizes, rotations, qualities, formats, st.sampled_from(["..", ".", "", "info.json", "%"]))
garbage = st.one_of(
    st.text(min_size=1, max_size=60),
    st.lists(pieces, min_size=1, max_size=6).map("/".join),
    st.builds(lambda r, s, o, q, f, junk: f"{r}/{s}/{o}/{q}.{f}{junk}", regions, sizes, rotations, qualities,
              formats, st.sampled_from(["/", ".jpg", "x", " ", "\x00", "/../../info.json"])),
).filter(lambda path: path.strip("/") and not GRAMMAR.fullmatch(path))


def _stored_requests(asset_pk: int) -> list[str]:
    """Every request the stored files answer: ``region/size/0/default.jpg`` under the picture's tiles folder."""
    folder = Path(settings.MEDIA_ROOT) / "iiif" / str(asset_pk)
    return sorted(str(path.relative_to(folder)) for path in folder.glob("*/*/0/default.jpg"))


@pytest.fixture
def asset(make_item):
    """A public picture with real tiles on disk (1200 × 800, several zoom levels)."""
    return make_item(pictures=[(1200, 800)]).assets.get()


def _get(client, asset, path):
    return client.get(f"/iiif/3/{asset.pk}/{quote(path, safe='/,:!^')}")


def _assert_refused_in_words(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    body = response.json()
    assert body["status"] == status and body["detail"]["en"][0] and body["detail"]["cy"][0]


def test_stored_tiles_and_sizes_answer_images(client, asset):
    stored = _stored_requests(asset.pk)
    assert len(stored) > 5

    with counted(SUITE, "stored tiles") as one_more:

        @fuzz_settings(60)
        @given(path=st.sampled_from(stored))
        def run(path):
            one_more()
            response = _get(client, asset, path)
            assert response.status_code == 200, (path, response.status_code)
            assert response["Content-Type"] == "image/jpeg"
            Image.open(io.BytesIO(b"".join(response.streaming_content))).verify()

        run()


def test_requests_in_the_grammar_are_answered_or_not_found_never_refused(client, asset):
    answered = []
    with counted(SUITE, "Image API grammar") as one_more:

        @fuzz_settings(300)
        @given(path=grammatical(_stored_requests(asset.pk)))
        def run(path):
            one_more()
            response = _get(client, asset, path)
            if response.status_code == 200:
                assert response["Content-Type"] == "image/jpeg"
                b"".join(response.streaming_content)
                answered.append(path)
            else:  # a level-0 service has only the sizes and tiles in its info.json
                _assert_refused_in_words(response, 404)

        run()
    assert len(answered) > 10  # the generated requests reach past the first checks


def test_anything_else_is_a_400_naming_the_problem(client, asset):
    with counted(SUITE, "not Image API requests") as one_more:

        @fuzz_settings(300)
        @given(path=garbage)
        def run(path):
            one_more()
            response = _get(client, asset, path)
            _assert_refused_in_words(response, 400)

        run()
