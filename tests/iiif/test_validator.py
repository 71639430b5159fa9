"""The IIIF community's own Image API validator (iiif-validator), level 0, against a live Cofio.

The validator's test image is uploaded through the API and processed by the real worker (the
normal pipeline makes its tiles); the validator then fetches ``/iiif/3/<asset id>/…`` from a live
server, exactly as it would from any IIIF image server.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Derivative, Item
from tests.conftest import wait_for_status

from .conftest import CC_BY, VALIDATOR_IMAGE

pytestmark = pytest.mark.integration
VALIDATE = Path(sys.executable).parent / "iiif-validate.py"
LEVEL_0 = ["format_jpg", "id_basic", "id_squares", "info_json", "size_nofull"]  # the validator's level-0 tests for 3.0
# Level-1 tests a level-0 static service also passes: CORS, JSON-LD type, the base URI redirect, error codes.
ALSO = ["cors", "jsonld", "baseurl_redirect", "id_error_random", "region_error_random", "size_error_random",
        "quality_error_random", "format_error_random", "rot_error_random"]


def _validate(server: str, identifier: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(VALIDATE), "--server", server, "--prefix", "iiif/3",
                           "--identifier", identifier, "--version", "3.0", *options],
                          capture_output=True, text=True, timeout=120)


def test_test_image_ingested_through_the_pipeline_passes_level_0(api, villager, worker, live_server):
    if not VALIDATOR_IMAGE.is_file():
        pytest.skip(f"The validator's test image is not at {VALIDATOR_IMAGE} (shared/iiif/ beside the project).")
    from iiif_validator.validator import TestSuite, ValidationInfo

    tests = TestSuite(ValidationInfo()).list_tests("3.0")
    assert sorted(name for name, test in tests.items() if test["level"] == 0) == LEVEL_0

    api.force_authenticate(villager)
    upload = SimpleUploadedFile(VALIDATOR_IMAGE.name, VALIDATOR_IMAGE.read_bytes(), content_type="image/png")
    response = api.post("/api/v1/items/", {"files": [upload], "licence": CC_BY, "consent": "true",
                                           "caption": "IIIF validator test image", "language": "en"},
                        format="multipart")
    assert response.status_code == 202, response.content
    item = wait_for_status(Item.objects.get(pk=response.json()["items"][0]["id"]))
    assert item.status == Item.Status.READY, f"the pipeline refused the validator's image: {item.status_reason}"
    asset = item.assets.get()
    tiles = Derivative.objects.filter(asset=asset, kind=Derivative.Kind.TILES).first()
    assert tiles is not None, (
        "The ingest pipeline made no IIIF tiles for the validator's image (no Derivative(kind='tiles') for its "
        "asset): the Image API has nothing to serve. See the tiles contract in ingest/ (iiif/<asset id>/).")

    server = live_server.url.removeprefix("http://")
    result = _validate(server, str(asset.pk), "--level", "0")
    report = result.stdout + result.stderr
    print(report)  # shown with pytest -rP
    assert result.returncode == 0, f"iiif-validate.py level 0 failed:\n{report}"
    assert re.search(r"Done \(5 tests, 0 failures\)", report), report
    for name in LEVEL_0:
        assert re.search(rf"test {name} PASS", report), report

    extra = _validate(server, str(asset.pk), *[f"--test={name}" for name in ALSO])
    assert extra.returncode == 0, f"iiif-validate.py ({', '.join(ALSO)}) failed:\n{extra.stdout}{extra.stderr}"
