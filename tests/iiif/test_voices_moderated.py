"""Manifests publish approved voices only, credit a memory day's tellers, and summarise by the featured caption."""
from archive.models import Description
from archive.services import description_create, item_feature_description

from .conftest import get_json, manifest_url

VOICE = Description.Kind


def _voices(manifest) -> list[dict]:
    return [a for page in manifest["items"][0]["annotations"] for a in page["items"]]


def test_waiting_words_are_not_published_until_approved(client, make_item, make_user):
    item = make_item(title_en="The choir")
    description_create(item, make_user("newcomer"), "Waiting words", VOICE.MEMORY, "en")
    manifest = get_json(client, manifest_url(item)).data
    assert "Waiting words" not in str(manifest)


def test_a_tellers_words_are_credited_to_them_and_who_wrote_them_down(client, make_item, curator):
    curator.display_name = "Curadur y Pentref"
    curator.save()
    item = make_item(title_en="The carnival")
    description_create(item, curator, "We walked up from Pontlottyn.", VOICE.MEMORY, "en", teller_name="Idris Davies")
    manifest = get_json(client, manifest_url(item)).data
    [voice] = [a for a in _voices(manifest) if a["body"]["value"] == "We walked up from Pontlottyn."]
    assert voice["creator"]["name"] == ("told by Idris Davies, written down by Curadur y Pentref / "
                                        "adroddwyd gan Idris Davies, ysgrifennwyd gan Curadur y Pentref")
    statement = manifest["requiredStatement"]["value"]["en"][0]
    assert "Idris Davies" in statement and "Curadur y Pentref" in statement


def test_the_featured_caption_is_the_title_and_the_summary(client, make_item, villager, curator):
    item = make_item(title_en="Bethel", voices=[(VOICE.CAPTION, "Bethel Chapel", "en", villager)])
    welsh = description_create(item, villager, "Côr y pentref y tu allan i Gapel Bethel", VOICE.CAPTION, "cy")
    item_feature_description(item, welsh, curator)
    manifest = get_json(client, manifest_url(item)).data
    assert manifest["label"]["cy"] == ["Côr y pentref y tu allan i Gapel Bethel"]
    assert manifest["summary"] == {"cy": ["Côr y pentref y tu allan i Gapel Bethel"]}
