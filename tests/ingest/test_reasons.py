"""Every refusal and hint can be said in Welsh and English, with its details filled in."""
import pytest

from archive.reasons import HINTS, KINDS, REASONS, hint_text, reason_text
from ingest import sniff

PARAMS = {"kind": "pdf", "detail_en": "300 megapixels", "detail_cy": "300 megapicsel", "width": 1, "height": 100000,
          "megabytes": 10.5, "accession_number": "COF-000012", "item_id": 12, "attempts": 3}


@pytest.mark.parametrize("code", sorted(REASONS))
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_reason_reads_well_in_both_languages(code, language):
    text = reason_text(code, PARAMS, language)
    assert text and "{" not in text and "}" not in text
    assert text != reason_text(code, PARAMS, "cy" if language == "en" else "en")


def test_details_and_kinds_are_in_the_readers_language():
    assert "(it looks like a PDF document)" in reason_text("not_an_image", {"kind": "pdf"}, "en")
    assert "(mae'n edrych fel dogfen PDF)" in reason_text("not_an_image", {"kind": "pdf"}, "cy")
    assert "(300 megapicsel)" in reason_text("too_large", PARAMS, "cy")
    assert reason_text("duplicate", PARAMS, "en") == ("This photo is already in the archive as COF-000012. "
                                                      "There is no need to upload it again.")
    assert "a PDF document" in reason_text("not_an_image", {"kind": "a PDF document"}, "en")  # older rows
    assert reason_text("no-such-code", {}, "en") == reason_text("internal", {}, "en")


def test_every_kind_the_sniffer_names_has_words():
    named = {what for _, what, _ in sniff.MAGIC if what not in sniff.ACCEPTED}
    named |= {"svg", "html", "xml", "text", "video", "audio", "avif", "raw", "zip"}
    assert named <= set(KINDS)
    assert all(set(words) == {"en", "cy"} for words in KINDS.values())


@pytest.mark.parametrize("code", sorted(HINTS))
def test_every_hint_reads_well_in_both_languages(code):
    params = {"accession_number": "COF-000012", "date": "2019-07-04", "place": "Aberystwyth"}
    assert "{" not in hint_text(code, params, "en") + hint_text(code, params, "cy")
