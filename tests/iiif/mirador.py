"""Mirador 4, the IIIF community's viewer, for the tests that open Cofio's manifests in it.

It is a tool of the tests, not part of Cofio (the pages use OpenSeadragon), so it is not among the
frontend's npm dependencies: its self-contained build (``dist/mirador.min.js``, React included) is taken
from the npm registry with ``npm pack`` (the one package, none of its dependencies), checked against the
integrity the registry published for this version, and kept under ``var/test-tools/``.
"""
import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest

from .conftest import ROOT

VERSION = "4.0.0"
INTEGRITY = "sha512-uWsE9e2oqSc/lUu+vVwDGhTsycuhGsfZ2KfX6CLfXiT3wgGy6qT9+q5M3V9Zz72hkdIgsJugKesaowmRtYmvrA=="
FOLDER = ROOT / "var" / "test-tools" / f"mirador-{VERSION}"


def mirador_script() -> Path:
    """The path of Mirador's ``mirador.min.js`` (fetched once; the test fails when npm cannot fetch it)."""
    script = FOLDER / "mirador.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not installed: it fetches Mirador for this test (apt-get install npm)")
    with tempfile.TemporaryDirectory() as scratch:
        packed = subprocess.run([npm, "pack", f"mirador@{VERSION}", "--silent", "--pack-destination", scratch],
                                capture_output=True, text=True, timeout=300)
        if packed.returncode != 0:
            pytest.fail(f"npm pack mirador@{VERSION} failed: {packed.stderr[-1000:]}")
        tarball = Path(scratch) / f"mirador-{VERSION}.tgz"
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            pytest.fail(f"mirador-{VERSION}.tgz is not the published package ({digest})")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mirador.min.js")
            FOLDER.mkdir(parents=True, exist_ok=True)
            partial = FOLDER / "mirador.min.js.part"
            partial.write_bytes(member.read())
            partial.replace(script)
    return script
