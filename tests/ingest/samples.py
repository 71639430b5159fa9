"""Files the ingest tests feed the pipeline, all generated here: photos, scans and a corpus of bad inputs."""
import io
import struct
import zipfile
import zlib

import numpy as np
from PIL import ExifTags, Image

# --- good pictures ------------------------------------------------------------


def photo(width=1200, height=800, seed=0) -> Image.Image:
    """A photo-like RGB picture: smooth random shapes plus grain (so JPEG sizes and hashes are realistic)."""
    rng = np.random.default_rng(seed)
    cells = rng.integers(0, 256, (max(2, height // 100), max(2, width // 100), 3), dtype=np.uint8)
    base = Image.fromarray(cells).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(base, grain, 0.12)


def encode(image: Image.Image, kind="JPEG", **options) -> bytes:
    """``image`` saved as ``kind`` (any Pillow format, or HEIF) into bytes."""
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def camera_exif(date_taken="2019:07:04 14:03:00", make="Canon", model="Canon EOS 5D Mark IV", orientation=None,
                gps=(52.4153, -4.0829)) -> Image.Exif:
    """An EXIF block as a camera writes it: date taken, make and model, orientation and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = date_taken
    if gps:
        lat, lon = gps
        block = exif.get_ifd(ExifTags.IFD.GPSInfo)
        block[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        block[ExifTags.GPS.GPSLatitude] = _dms(abs(lat))
        block[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        block[ExifTags.GPS.GPSLongitude] = _dms(abs(lon))
    return exif


def _dms(value: float) -> tuple:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 4)
    return (float(degrees), float(minutes), seconds)


def swapped_rgb_profile() -> bytes:
    """An ICC v2 RGB profile whose red and blue primaries are swapped: RGB (255, 0, 0) in it is sRGB blue.

    A picture tagged with it shows whether the pipeline really converts embedded profiles to sRGB.
    """
    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    description = b"Swapped RGB test\0"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(description)) + description
            + b"\0" * 8 + b"\0\0\0" + b"\0" * 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249)
              + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def tiff_rgb16(width=300, height=200) -> bytes:
    """An uncompressed 16-bit-per-channel RGB TIFF (as film scanners write), a left-to-right red ramp."""
    ramp = np.linspace(0, 65535, width, dtype=np.uint16)
    pixels = np.zeros((height, width, 3), dtype="<u2")
    pixels[..., 0] = ramp
    pixels[..., 2] = 65535 // 4
    data = pixels.tobytes()
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 3, None), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, None), (277, 3, 1, 3), (278, 4, 1, height), (279, 4, 1, len(data)), (284, 3, 1, 1)]
    ifd_offset = 8
    ifd_size = 2 + 12 * len(entries) + 4
    bits_offset = ifd_offset + ifd_size
    data_offset = bits_offset + 6
    out = b"II*\0" + struct.pack("<I", ifd_offset) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 258:
            value = bits_offset
        if tag == 273:
            value = data_offset
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 and count == 1 else struct.pack("<I", value)
        out += struct.pack("<HHI", tag, kind, count) + packed
    out += struct.pack("<I", 0) + struct.pack("<HHH", 16, 16, 16)
    return out + data


def tiff_gray16(width=240, height=160) -> bytes:
    """A 16-bit greyscale TIFF, a top-to-bottom ramp using the whole 0–65535 range."""
    ramp = np.linspace(0, 65535, height, dtype=np.uint16)[:, None].repeat(width, axis=1)
    return encode(Image.fromarray(ramp), "TIFF")


def tiff_pages(count=3, width=700, height=500) -> bytes:
    """A multi-page TIFF (a scanned letter), each page different."""
    pages = [photo(width, height, seed=100 + n) for n in range(count)]
    return encode(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")


def heic(width=640, height=480, seed=7) -> bytes:
    """A HEIC photo, as an iPhone makes (encoded with pillow-heif)."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(photo(width, height, seed), "HEIF", quality=80)


def cmyk_jpeg(width=320, height=240) -> bytes:
    """A CMYK JPEG (as print workflows write): pure magenta + yellow, i.e. red."""
    return encode(Image.new("CMYK", (width, height), (0, 255, 255, 0)), "JPEG", quality=90)


def gif_animated(width=200, height=150) -> bytes:
    """A two-frame animated GIF: red then blue."""
    frames = [Image.new("RGB", (width, height), colour).convert("P", palette=Image.Palette.ADAPTIVE)
              for colour in ((220, 20, 20), (20, 20, 220))]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


# --- bad inputs -----------------------------------------------------------------


def truncated_jpeg() -> bytes:
    """A real photo with its second half missing (an interrupted copy)."""
    data = encode(photo(800, 600, seed=3), "JPEG", quality=90)
    return data[: len(data) // 2]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width=20_000, height=20_000) -> bytes:
    """A tiny PNG that decodes to ``width`` × ``height`` pixels (400 megapixels by default): all zeros."""
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + a 1-bit row
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row * 500) for _ in range(height // 500)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))


def gif_bomb(width=65_535, height=65_535) -> bytes:
    """A GIF of a few dozen bytes claiming 65535 × 65535 pixels (4.3 gigapixels)."""
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0)  # global colour table of 2 entries
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0)
    lzw = b"\x02\x01\x2c\x00"  # minimum code size 2; one sub-block: clear, end of data
    return b"GIF89a" + screen + b"\0\0\0\xff\xff\xff" + image + lzw + b"\x3b"


def svg_with_script() -> bytes:
    """An SVG drawing carrying a script, named like a photo."""
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" '
            b'height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>\n')


def pdf() -> bytes:
    """A minimal one-page PDF."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/MediaBox[0 0 612 792]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"%%EOF\n")


def zip_archive() -> bytes:
    """A zip archive with a text file in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "Nodiadau am y capel\n" * 50)
    return buffer.getvalue()


def jpeg_zip_polyglot() -> bytes:
    """A real JPEG that is also a valid zip archive (the archive appended after the picture)."""
    return encode(photo(400, 300, seed=4), "JPEG") + zip_archive()


def jpeg_with_huge_exif(megabytes=10) -> bytes:
    """A real JPEG carrying ``megabytes`` of EXIF (APP1 segments of 64 KiB each) before its picture."""
    jpeg = encode(photo(200, 150, seed=5), "JPEG")
    payload = b"Exif\0\0" + b"\0" * (65_533 - 6)
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    count = megabytes * 1024 * 1024 // len(segment) + 1
    return jpeg[:2] + segment * count + jpeg[2:]


def thin_png(width=1, height=100_000) -> bytes:
    """A 1 × 100000 pixel picture: a shape no photo has."""
    return encode(Image.new("L", (width, height), 128), "PNG")


def html_page() -> bytes:
    """A web page saved with a .jpg name."""
    return b"<!DOCTYPE html>\n<html><head><title>Capel Bethel</title></head><body><img src=x></body></html>\n"


def text_note() -> bytes:
    """Plain text saved with a .jpg name."""
    return "Llun o Gapel Bethel, haf 1947. Mam-gu yn y rhes flaen.\n".encode()
