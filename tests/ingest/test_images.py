"""Sniffing, guarding, reading camera data and normalising pictures (no worker needed)."""
import io
from pathlib import Path

import pytest
from PIL import Image

from ingest.errors import IngestError
from ingest.images import Limits, dimensions_check, image_open, image_pages, page_decode
from ingest.metadata import camera_metadata, metadata_bytes
from ingest.sniff import bytes_sniff, file_sniff
from tests.ingest import samples


def write(tmp_path: Path, data: bytes, name="upload.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make,expected", [
    (lambda: samples.encode(samples.photo(40, 30)), "JPEG"),
    (lambda: samples.encode(samples.photo(40, 30), "PNG"), "PNG"),
    (lambda: samples.encode(samples.photo(40, 30), "WEBP"), "WEBP"),
    (samples.gif_animated, "GIF"),
    (samples.tiff_rgb16, "TIFF"),
    (lambda: samples.heic(64, 48), "HEIF"),
])
def test_accepted_formats_are_known_by_their_bytes_whatever_their_name(tmp_path, make, expected):
    assert file_sniff(write(tmp_path, make(), "misleading.pdf")).format == expected


@pytest.mark.parametrize("make,reason,kind", [
    (samples.pdf, "not_an_image", "pdf"),
    (samples.zip_archive, "not_an_image", "zip"),
    (samples.svg_with_script, "not_an_image", "svg"),
    (samples.html_page, "not_an_image", "html"),
    (samples.text_note, "not_an_image", "text"),
    (samples.jpeg_zip_polyglot, "hidden_content", "zip"),
    (lambda: samples.encode(samples.photo(40, 30), "BMP"), "unsupported_image", "bmp"),
    (lambda: b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\0" * 64, "not_an_image", "video"),
    (lambda: b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\0" * 64, "unsupported_image", "avif"),
    (lambda: b"", "empty", None),
])
def test_other_files_are_refused_naming_what_they_look_like(tmp_path, make, reason, kind):
    with pytest.raises(IngestError) as refused:
        file_sniff(write(tmp_path, make(), "photo.jpg"))
    assert refused.value.reason == reason and refused.value.params.get("kind") == kind


def test_text_that_happens_to_start_like_a_bitmap_is_text():
    with pytest.raises(IngestError) as refused:
        bytes_sniff(b"BM sure to bring the photos on Sunday\n")
    assert refused.value.params == {"kind": "text"}


@pytest.mark.parametrize("size,reason", [
    ((20_000, 20_001), "too_large"), ((1, 100_000), "bad_dimensions"), ((70_000, 2_000), "bad_dimensions"),
    ((100, 5_001), "bad_dimensions"),
])
def test_absurd_sizes_are_refused_from_the_headers(size, reason):
    with pytest.raises(IngestError) as refused:
        dimensions_check(*size, Limits())
    assert refused.value.reason == reason


def test_metadata_is_measured_without_decoding(tmp_path):
    path = write(tmp_path, samples.jpeg_with_huge_exif(10))
    assert metadata_bytes(path, "JPEG") > 10_000_000
    assert metadata_bytes(write(tmp_path, samples.encode(samples.photo(50, 50)), "ok.jpg"), "JPEG") < 100
    big_png = samples.encode(Image.new("RGB", (8, 8)), "PNG", exif=b"Exif\0\0" + b"\0" * 5_000_000)
    assert metadata_bytes(write(tmp_path, big_png, "x.png"), "PNG") >= 5_000_000
    with pytest.raises(IngestError) as refused:
        image_open(write(tmp_path, big_png, "y.png"), bytes_sniff(big_png), Limits())
    assert refused.value.reason == "metadata_too_large"


def test_camera_data_from_exif_and_from_xmp():
    exif = samples.camera_exif(date_taken="1998:12:25 10:30:00", make="NIKON CORPORATION", model="NIKON D70",
                               gps=(-33.8568, 151.2153))
    found = camera_metadata(Image.open(io.BytesIO(samples.encode(samples.photo(40, 30), "JPEG", exif=exif))))
    assert found == {"date_taken": "1998-12-25T10:30:00", "camera": "NIKON CORPORATION NIKON D70",
                     "gps": {"latitude": -33.8568, "longitude": 151.2153}}
    blank = samples.camera_exif(date_taken="0000:00:00 00:00:00", gps=(0.0, 0.0))
    found = camera_metadata(Image.open(io.BytesIO(samples.encode(samples.photo(40, 30), "JPEG", exif=blank))))
    assert "date_taken" not in found and "gps" not in found  # unset clock, no GPS fix
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:DateCreated="1965-08-14" '
           b'exif:GPSLatitude="52,24.918N" exif:GPSLongitude="4,4.974W" tiff:Make="EPSON" '
           b'tiff:Model="Perfection V600"/></rdf:RDF></x:xmpmeta>')
    found = camera_metadata(Image.open(io.BytesIO(samples.encode(samples.photo(40, 30), "JPEG", xmp=xmp))))
    assert found == {"date_taken": "1965-08-14T00:00:00", "camera": "EPSON Perfection V600",
                     "gps": {"latitude": 52.4153, "longitude": -4.0829}}


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_shown_upright(tmp_path, orientation):
    # An upright 60 × 40 picture with a red top-left corner, stored as a camera would for ``orientation``.
    upright = Image.new("RGB", (60, 40), (0, 0, 200))
    upright.paste((255, 0, 0), (0, 0, 10, 10))
    undo = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
            5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_270}
    stored = upright.transpose(undo[orientation]) if orientation in undo else upright
    data = samples.encode(stored, "PNG", exif=samples.camera_exif(orientation=orientation, gps=None))
    path = write(tmp_path, data, "o.png")
    sniffed = file_sniff(path)
    with image_open(path, sniffed, Limits()) as image:
        picture = page_decode(image, image_pages(image, sniffed, Limits())[0][0])
    assert picture.size == (60, 40) and picture.getpixel((2, 2)) == (255, 0, 0)
    assert picture.info == {}


def test_pages_of_a_tiff_but_not_its_thumbnails(tmp_path):
    pages = [samples.photo(300, 200, seed=n) for n in range(2)]
    thumbnail = Image.new("RGB", (30, 20))
    data = samples.encode(pages[0], "TIFF", save_all=True, append_images=[thumbnail, pages[1]],
                          tiffinfo={254: 0})
    # Mark the middle frame as a reduced-resolution copy (NewSubfileType bit 0), as scanners do.
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == 3
    path = write(tmp_path, data, "scan.tif")
    marked = _mark_reduced(path, frame=1)
    with image_open(marked, file_sniff(marked), Limits()) as image:
        assert [(i, w, h) for i, w, h in image_pages(image, file_sniff(marked), Limits())] == [(0, 300, 200),
                                                                                            (2, 300, 200)]


def _mark_reduced(path: Path, frame: int) -> Path:
    """Rewrite a TIFF with NewSubfileType=1 on one frame (Pillow writes one IFD per frame)."""
    image = Image.open(path)
    frames = []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append((image.copy(), {254: 1} if index == frame else {254: 0}))
    out = path.with_name("marked.tif")
    with open(out, "w+b") as f:
        from PIL import TiffImagePlugin

        with TiffImagePlugin.AppendingTiffWriter(f) as tiff:
            for picture, tags in frames:
                picture.save(tiff, "TIFF", tiffinfo=tags)
                tiff.newFrame()
    return out
