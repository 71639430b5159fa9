"""Item manifests: canvases, language maps, facts, credits, voices and region tags; all valid IIIF 3."""
import json
from datetime import date

import pytest
from archive.iiif.links import Links
from archive.iiif.presentation import manifest_build
from archive.iiif.sources import RegionTag, item_for_manifest
from archive.models import Collection, Description, Person, Place, Subject

from .conftest import PRESENTATION_TYPE, assert_valid, get_json, manifest_url

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
VOICE = Description.Kind
HOST = "http://testserver"


@pytest.fixture
def choir(make_item, villager, make_user):
    """A public photo of the village choir, fully described, with a Welsh caption and an English memory."""
    dai = make_user("dai", display_name="Dai Jones")
    place = Place.objects.create(name_cy="Troedrhiwfuwch", name_en="Troedrhiwfuwch", latitude=51.7347,
                                 longitude=-3.2671)
    item = make_item(
        title_cy="Côr y pentref", title_en="The village choir", date_text="haf 1952",
        date_start=date(1952, 6, 1), date_end=date(1952, 8, 31), place=place,
        voices=[(VOICE.CAPTION, "Côr y pentref y tu allan i Gapel Bethel", "cy", villager),
                (VOICE.MEMORY, "My father is third from the left; he sang bass.", "en", dai),
                (VOICE.STORY, "Une histoire racontée en français.", "other", dai)],
    )
    item.people.add(Person.objects.create(name="Gwilym Price"))
    item.subjects.add(Subject.objects.create(slug="cor", label_cy="Côr", label_en="Choir"))
    item.collections.add(Collection.objects.create(slug="corau", title_cy="Corau'r cwm",
                                                   title_en="Choirs of the valley"))
    return item


def test_manifest_of_an_item_with_one_picture(client, choir, presentation_schema):
    response = get_json(client, manifest_url(choir))
    manifest = response.data
    assert response.content.startswith(b'{"@context":')
    assert response["Content-Type"] == PRESENTATION_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    assert_valid(presentation_schema, manifest)

    base = f"{HOST}/iiif/items/{choir.pk}"
    assert manifest["@context"] == ["http://iiif.io/api/extension/navplace/context.json",
                                    "http://iiif.io/api/presentation/3/context.json"]
    assert manifest["id"] == f"{base}/manifest"
    assert manifest["label"] == {"cy": ["Côr y pentref"], "en": ["The village choir"]}
    assert manifest["summary"] == {"cy": ["Côr y pentref y tu allan i Gapel Bethel"]}
    assert manifest["navDate"] == "1952-06-01T00:00:00Z"
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"

    [canvas] = manifest["items"]
    asset = choir.assets.get()
    assert canvas["id"] == f"{base}/canvas/{asset.pk}"
    assert (canvas["width"], canvas["height"]) == (1200, 800)
    [painting] = canvas["items"][0]["items"]
    assert painting["motivation"] == "painting" and painting["target"] == canvas["id"]
    service = f"{HOST}/iiif/3/{asset.pk}"
    assert painting["body"]["service"] == [{"id": service, "type": "ImageService3", "profile": "level0"}]
    assert painting["body"]["id"] == f"{service}/full/max/0/default.jpg"
    assert (painting["body"]["width"], painting["body"]["height"]) == (1200, 800) or \
        max(painting["body"]["width"], painting["body"]["height"]) <= 1024  # the largest stored size
    assert canvas["thumbnail"][0]["id"].startswith(f"{service}/full/")
    assert manifest["thumbnail"] == canvas["thumbnail"]


def test_facts_are_the_item_pages_facts_in_both_languages(client, choir):
    manifest = get_json(client, manifest_url(choir)).data
    facts = {row["label"]["en"][0]: row for row in manifest["metadata"]}
    assert list(facts) == ["Date", "Place", "People", "Subjects", "Collections", "Shared by", "Licence",
                           "Reference number"]
    assert facts["Date"] == {"label": {"cy": ["Dyddiad"], "en": ["Date"]}, "value": {"none": ["haf 1952"]}}
    assert facts["Place"]["value"] == {"cy": ["Troedrhiwfuwch"], "en": ["Troedrhiwfuwch"]}
    assert facts["People"]["value"] == {"none": ["Gwilym Price"]}
    assert facts["Subjects"]["value"] == {"cy": ["Côr"], "en": ["Choir"]}
    assert facts["Collections"]["value"] == {"cy": ["Corau'r cwm"], "en": ["Choirs of the valley"]}
    assert facts["Shared by"]["value"] == {"none": ["Megan Evans"]}
    assert facts["Licence"]["value"] == {"cy": ["Creative Commons Priodoli 4.0"],
                                         "en": ["Creative Commons Attribution 4.0"]}
    assert facts["Reference number"]["value"] == {"none": [choir.accession_number]}


def test_credits_place_links_and_provider(client, choir):
    manifest = get_json(client, manifest_url(choir)).data
    statement = manifest["requiredStatement"]
    assert statement["label"] == {"cy": ["Cydnabyddiaeth"], "en": ["Attribution"]}
    assert statement["value"] == {
        "cy": ["Rhannwyd gan: Megan Evans. Lleisiau: Dai Jones. Archif gymunedol Cofio."],
        "en": ["Shared by: Megan Evans. Voices: Dai Jones. Cofio community archive."],
    }
    [feature] = manifest["navPlace"]["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-3.2671, 51.7347]}
    assert feature["properties"]["label"] == {"cy": ["Troedrhiwfuwch"], "en": ["Troedrhiwfuwch"]}
    [homepage] = manifest["homepage"]
    assert homepage["id"] == f"{HOST}/items/{choir.pk}/" and homepage["format"] == "text/html"
    [see_also] = manifest["seeAlso"]
    assert see_also["id"] == f"{HOST}/iiif/items/{choir.pk}/linked-data"
    assert see_also["format"] == "application/ld+json"
    [provider] = manifest["provider"]
    assert provider["type"] == "Agent" and provider["id"] == f"{HOST}/"
    assert provider["label"]["cy"] and provider["label"]["en"]
    assert [p["id"] for p in manifest["partOf"]] == [f"{HOST}/iiif/collections/corau", f"{HOST}/iiif/collection"]
    [search] = manifest["service"]
    assert search == {"id": f"{HOST}/iiif/items/{choir.pk}/search", "type": "SearchService2",
                      "service": [{"id": f"{HOST}/iiif/items/{choir.pk}/autocomplete",
                                   "type": "AutoCompleteService2"}]}


def test_every_voice_is_an_annotation_with_its_author_and_language(client, choir):
    manifest = get_json(client, manifest_url(choir)).data
    canvas = manifest["items"][0]
    [page] = canvas["annotations"]
    assert page["label"]["en"] == ["What people have said"]
    caption, memory, story = page["items"]
    assert caption["motivation"] == "describing"
    assert caption["creator"] == {"type": "Person", "name": "Megan Evans"}
    assert caption["body"] == {"type": "TextualBody", "value": "Côr y pentref y tu allan i Gapel Bethel",
                               "format": "text/plain", "language": "cy", "purpose": "describing"}
    assert caption["target"] == canvas["id"]
    assert caption["label"] == {"cy": ["Capsiwn"], "en": ["Caption"]}
    assert memory["motivation"] == "commenting" and memory["body"]["language"] == "en"
    assert memory["creator"]["name"] == "Dai Jones"
    assert "language" not in story["body"]  # "another language": unknown, so not claimed
    assert story["label"] == {"cy": ["Stori"], "en": ["Story"]}


def test_several_canvases_for_a_multi_page_file(client, make_item, presentation_schema):
    item = make_item(pictures=[(800, 1100), (800, 1100), (800, 1100)], pages=True, title_en="Parish magazine")
    manifest = get_json(client, manifest_url(item)).data
    assert_valid(presentation_schema, manifest)
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"  # no place: no navPlace
    canvases = manifest["items"]
    assets = list(item.assets.order_by("page"))
    assert [c["id"].rsplit("/", 1)[1] for c in canvases] == [str(a.pk) for a in assets]
    assert [c["label"] for c in canvases] == [{"none": ["1"]}, {"none": ["2"]}, {"none": ["3"]}]
    services = [c["items"][0]["items"][0]["body"]["service"][0]["id"] for c in canvases]
    assert services == [f"{HOST}/iiif/3/{a.pk}" for a in assets]
    assert "summary" not in manifest and "navDate" not in manifest and "navPlace" not in manifest


def test_welsh_only_and_english_only_text(client, make_item, villager, presentation_schema):
    welsh = make_item(title_cy="Glowyr yn gadael y shifft", voices=[(VOICE.CAPTION, "Glowyr y Rhas", "cy", villager)])
    english = make_item(title_en="Miners leaving the shift", voices=[(VOICE.CAPTION, "Rhas miners", "en", villager)])
    untitled = make_item(voices=[(VOICE.CAPTION, "Dim ond geiriau", "zxx", villager)])
    for item in (welsh, english, untitled):
        assert_valid(presentation_schema, get_json(client, manifest_url(item)).data)
    assert get_json(client, manifest_url(welsh)).data["label"] == {"cy": ["Glowyr yn gadael y shifft"]}
    assert get_json(client, manifest_url(welsh)).data["summary"] == {"cy": ["Glowyr y Rhas"]}
    assert get_json(client, manifest_url(english)).data["label"] == {"en": ["Miners leaving the shift"]}
    assert get_json(client, manifest_url(english)).data["summary"] == {"en": ["Rhas miners"]}
    untitled_manifest = get_json(client, manifest_url(untitled)).data
    assert untitled_manifest["label"] == {"none": [untitled.accession_number]}
    assert untitled_manifest["summary"] == {"none": ["Dim ond geiriau"]}
    annotation = untitled_manifest["items"][0]["annotations"][0]["items"][0]
    assert annotation["body"]["language"] == "zxx"


def test_region_tags_target_a_region_of_the_picture(make_item, presentation_schema):
    item = make_item(pictures=[(1200, 800), (600, 900)], title_en="Two pictures")
    second = item.assets.order_by("position")[1]
    tags = [RegionTag(10, 20, 300, 400, "Gwilym Price", "identifying"),
            RegionTag(500, 100, 80, 60, {"cy": ["lamp glöwr"]}, "tagging"),
            RegionTag(5, 6, 70, 80, "Nansi Thomas", "identifying", asset_id=second.pk)]
    links = Links(HOST)
    manifest = manifest_build(item_for_manifest(item.pk), links, tags=tags)
    document = json.loads(manifest.json())
    assert_valid(presentation_schema, document)
    first, other = document["items"]
    [tag_page] = first["annotations"]  # no voices: only the tags
    gwilym, lamp = tag_page["items"]
    assert gwilym["motivation"] == "identifying"
    assert gwilym["target"] == f"{first['id']}#xywh=10,20,300,400"
    assert gwilym["body"] == {"type": "TextualBody", "value": "Gwilym Price", "format": "text/plain",
                              "purpose": "identifying"}
    assert lamp["motivation"] == "tagging" and lamp["body"]["language"] == "cy"
    assert lamp["target"].endswith("#xywh=500,100,80,60")
    [nansi] = other["annotations"][0]["items"]
    assert nansi["target"] == f"{other['id']}#xywh=5,6,70,80"


def test_fifty_annotations_on_five_canvases_are_valid(make_item, villager, presentation_schema):
    voices = [(VOICE.MEMORY if n % 2 else VOICE.CAPTION, f"Atgof rhif {n}", "cy" if n % 3 else "en", villager)
              for n in range(40)]
    item = make_item(pictures=[(700, 500)] * 5, voices=voices, title_cy="Pump llun")
    tags = [RegionTag(n, n, 10, 10, f"Person {n}", "identifying") for n in range(10)]
    document = json.loads(manifest_build(item_for_manifest(item.pk), Links(HOST), tags=tags).json())
    assert_valid(presentation_schema, document)
    annotations = [a for canvas in document["items"] for page in canvas.get("annotations", []) for a in page["items"]]
    assert len(document["items"]) == 5 and len(annotations) == 50


def test_an_item_not_processed_yet_has_no_canvas_and_keeps_its_voices(client, make_item, villager,
                                                                      presentation_schema):
    item = make_item(status="processing", tiles=False, pictures=(), title_en="Still processing",
                     voices=[(VOICE.CAPTION, "Being processed", "en", villager)])
    client.force_login(villager)
    manifest = get_json(client, manifest_url(item)).data
    assert_valid(presentation_schema, manifest)
    assert manifest["items"] == []
    assert manifest["annotations"][0]["items"][0]["target"] == manifest["id"]


def test_ids_follow_the_host_the_request_came_to(client, choir):
    manifest = get_json(client, manifest_url(choir), HTTP_HOST="localhost").data
    assert manifest["id"] == f"http://localhost/iiif/items/{choir.pk}/manifest"
    assert manifest["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"].startswith("http://localhost/")


def test_linked_data_describes_the_item(client, choir):
    response = get_json(client, f"/iiif/items/{choir.pk}/linked-data")
    data = response.data
    assert response["Content-Type"] == "application/ld+json"
    assert data["@context"] == "https://schema.org/" and data["@type"] == "Photograph"
    assert {"@value": "Côr y pentref", "@language": "cy"} in data["name"]
    assert data["dateCreated"] == "1952-06-01/1952-08-31"
    assert data["contentLocation"]["geo"] == {"@type": "GeoCoordinates", "latitude": 51.7347, "longitude": -3.2671}
    assert data["license"] == "http://creativecommons.org/licenses/by/4.0/"
    assert data["subjectOf"]["@id"] == f"{HOST}/iiif/items/{choir.pk}/manifest"


def test_builder_makes_one_query_per_relation(make_item, villager, django_assert_max_num_queries):
    voices = [(VOICE.MEMORY, f"Atgof {n}", "cy", villager) for n in range(20)]
    item = make_item(pictures=[(700, 500)] * 5, voices=voices)
    with django_assert_max_num_queries(8):
        manifest_build(item_for_manifest(item.pk), Links(HOST)).json()
