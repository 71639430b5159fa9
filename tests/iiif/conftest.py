"""Fixtures for the IIIF tests: items with real tile pyramids on disk, and the official JSON Schema.

Items are made straight with the ORM and their tiles written with the pipeline's own writer
(``ingest.tiles.pyramid_write``, the contract: info.json plus ``{region}/{size}/0/default.jpg``),
so the views are tested against exactly what ingest leaves in MEDIA_ROOT. The conformance tests
that must go through the whole pipeline (the Image API validator) upload through the API and
let the real worker make the tiles.
"""
import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageDraw

from archive.licences import LICENCES
from archive.models import Asset, Derivative, Description, Item
from ingest.tiles import pyramid_write

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared" / "iiif"
SCHEMA_PATH = SHARED / "iiif_presentation_3.schema.json"
VALIDATOR_IMAGE = SHARED / "67352ccc-d1b0-11e1-89ae-279075081939.png"
CC_BY = LICENCES[0].uri
PRESENTATION_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
IMAGE_TYPE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def picture(width: int, height: int, seed: int = 0) -> Image.Image:
    """A colourful test picture: a grid of coloured squares (so tiles differ from one another)."""
    image = Image.new("RGB", (width, height), (30 + seed * 40 % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    step = 100
    for y in range(0, height, step):
        for x in range(0, width, step):
            colour = ((x * 7 + seed * 31) % 256, (y * 5 + 60) % 256, ((x + y) * 3 + seed * 17) % 256)
            draw.rectangle([x + 10, y + 10, x + step - 10, y + step - 10], fill=colour)
    return image


def write_tiles(asset: Asset, width: int, height: int, seed: int = 0) -> Derivative:
    """Write an asset's tile pyramid into MEDIA_ROOT/iiif/<asset id>/ and record it, as the pipeline does."""
    relative = f"iiif/{asset.pk}"
    pyramid_write(picture(width, height, seed), Path(settings.MEDIA_ROOT) / relative, f"/media/{relative}")
    return Derivative.objects.create(asset=asset, kind=Derivative.Kind.TILES, path=relative,
                                     media_type="image/jpeg", width=width, height=height)


@pytest.fixture
def make_item(db, villager):
    """Make an item: ``make_item(pictures=[(w, h), …], voices=[(kind, text, language, author)], title_cy=…)``.

    Each picture becomes an asset (pages of one file when ``pages=True``) with real tiles, a
    thumbnail and a web copy recorded; defaults to a public, ready item with one 1200 × 800 picture.
    """

    def make(*, pictures=((1200, 800),), voices=(), contributor=None, pages=False, tiles=True, **fields):
        fields.setdefault("licence", CC_BY)
        fields.setdefault("status", Item.Status.READY)
        fields.setdefault("consent", True)
        fields.setdefault("moderation", "approved")  # a curator approved it (new items wait by default)
        item = Item.objects.create(contributor=contributor or villager, **fields)
        item.accession_number = f"COF-{item.pk:06d}"
        item.save(update_fields=["accession_number", "updated_at"])
        sha = f"{item.pk:064x}"
        for number, (width, height) in enumerate(pictures):
            digest = sha if pages else f"{item.pk:032x}{number:032x}"
            asset = Asset.objects.create(
                item=item, position=number, page=number if pages else 0, sha256=digest,
                original=f"originals/{digest[:2]}/{digest[2:4]}/{digest}", original_filename=f"llun-{number}.jpg",
                size_bytes=1000, media_type="image/tiff" if pages else "image/jpeg", width=width, height=height)
            if tiles:
                write_tiles(asset, width, height, seed=number)
            for kind, size in (("thumbnail", 400), ("web", 1600)):
                factor = min(1, size / max(width, height))
                Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                          media_type="image/jpeg", width=round(width * factor),
                                          height=round(height * factor))
        for kind, text, language, author in voices:
            Description.objects.create(item=item, kind=kind, text=text, language=language, author=author or villager,
                                       moderation="approved")
        item.refresh_from_db()
        return item

    return make


@pytest.fixture(scope="session")
def presentation_schema():
    """A validator for the official IIIF Presentation 3 JSON Schema (the test is skipped where it is absent)."""
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"The IIIF Presentation 3 JSON Schema is not at {SCHEMA_PATH} (it lives in shared/iiif/ beside "
                    "the project): schema conformance cannot be checked here.")
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid(validator, document: dict) -> None:
    """Fail with every schema error (the most specific ones) when ``document`` is not valid IIIF Presentation 3."""
    import jsonschema

    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        details = []
        for error in errors:
            best = jsonschema.exceptions.best_match([error])
            details.append(f"at {'/'.join(map(str, best.absolute_path)) or '(root)'}: {best.message[:300]}")
        raise AssertionError(f"{len(errors)} schema error(s):\n" + "\n".join(details))


def get_json(client, url, status=200, **headers):
    """GET ``url``; assert the status; return the response with its JSON as ``.data``."""
    response = client.get(url, **headers)
    assert response.status_code == status, (response.status_code, response.content[:500])
    response.data = json.loads(response.content) if response.content else None
    return response


def manifest_url(item) -> str:
    """The path of an item's manifest."""
    from django.urls import reverse

    return reverse("iiif:manifest", args=[item.pk])
