"""An item as schema.org JSON-LD: what a manifest's ``seeAlso`` points harvesters to.

The same facts the manifest and the item page show, as linked data: titles and captions with
their languages, the date (as written and as read), the place with its coordinates, the people,
subjects and collections, who shared it, the licence, and the manifest itself.
"""
from archive.access import person_label
from archive.licences import licence_get
from archive.models import Description

from .links import Links
from .sources import ItemSource


def _texts(**values) -> list[dict]:
    return [{"@value": text, "@language": language} for language, text in values.items() if text]


def item_linked_data(source: ItemSource, links: Links) -> dict:
    """An item (as :func:`archive.iiif.sources.item_for_manifest` read it) as a schema.org CreativeWork."""
    item = source.item
    page = links.item_page(item.pk)
    data = {
        "@context": "https://schema.org/",
        "@type": "Photograph" if source.assets and all(
            (a.media_type or "").startswith("image/") for a in source.assets) else "CreativeWork",
        "@id": page,
        "url": page,
        "identifier": item.accession_number or str(item.pk),
        "name": _texts(cy=item.title_cy, en=item.title_en),
        "description": [{"@value": d.text, **({"@language": d.language} if d.language in ("cy", "en") else {})}
                        for d in source.voices if d.kind == Description.Kind.CAPTION],
        "inLanguage": sorted({d.language for d in source.voices if d.language in ("cy", "en")}),
        "creditText": item.contributor.credit_name,
        "contributor": {"@type": "Person", "name": item.contributor.credit_name},
        "subjectOf": {"@type": "CreativeWork", "@id": links.manifest(item.pk), "encodingFormat":
                      'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'},
        "dateModified": item.updated_at.isoformat(),
    }
    if item.date_text:
        data["temporalCoverage"] = item.date_text
    if item.date_start or item.date_end:
        start, end = item.date_start or item.date_end, item.date_end or item.date_start
        data["dateCreated"] = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    if item.place:
        place = {"@type": "Place", "name": _texts(cy=item.place.name_cy, en=item.place.name_en)}
        if item.place.latitude is not None and item.place.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": item.place.latitude,
                            "longitude": item.place.longitude}
        data["contentLocation"] = place
    about = [{"@type": "Person", "name": person_label(None, person)} for person in source.people]  # public
    about += [{"@type": "DefinedTerm", "name": _texts(cy=s.label_cy, en=s.label_en)} for s in source.subjects]
    if about:
        data["about"] = about
    collections = [{"@type": "Collection", "@id": links.collection(c.slug),
                    "name": _texts(cy=c.title_cy, en=c.title_en)} for c in source.collections]
    if collections:
        data["isPartOf"] = collections
    licence = licence_get(item.licence)
    if licence:
        data["license"] = licence.uri
    return {key: value for key, value in data.items() if value not in ([], "", None)}
