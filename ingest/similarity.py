"""Near-duplicates: pictures that look the same (resized, re-compressed copies) though their bytes differ.

A 64-bit perceptual hash (DCT pHash, via ImageHash) of each picture is stored; a new
picture within a small Hamming distance of a ready one gets a hint, "this may already
be in the archive as …". It is only a hint: the item still becomes ready.
"""
import imagehash
import numpy as np
from PIL import Image

from archive.models import Asset, Item

# Pictures flatter than this (standard deviation of grey levels on a 32×32 copy) hash
# to noise: a blank page or a plain colour would "match" every other plain picture.
PLAIN_STDDEV = 3.0


def perceptual_hash(picture: Image.Image) -> str:
    """The 16-hex-digit pHash of a (small) upright picture; '' when it is too plain to compare."""
    grey = picture.convert("L").resize((32, 32), Image.Resampling.LANCZOS)
    if float(np.asarray(grey, dtype=np.float32).std()) < PLAIN_STDDEV:
        return ""
    return str(imagehash.phash(grey))


def hamming(a: str, b: str) -> int:
    """How many of the 64 bits differ between two hex hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def near_duplicates(asset: Asset, phash: str, max_distance: int, limit: int = 5) -> list[dict]:
    """Ready assets in other items within ``max_distance`` of ``phash``, closest first.

    Each: ``asset``, ``item``, ``accession_number``, ``distance``. The hashes are
    compared in Python: a village archive's few hundred thousand hashes take well
    under a second, and it works the same on SQLite and PostgreSQL.
    """
    if not phash:
        return []
    found = []
    candidates = (Asset.objects.filter(item__status=Item.Status.READY).exclude(item_id=asset.item_id)
                  .exclude(phash="").values_list("id", "item_id", "item__accession_number", "phash"))
    for other_id, item_id, accession, other_hash in candidates.iterator(chunk_size=5000):
        distance = hamming(phash, other_hash)
        if distance <= max_distance:
            found.append({"asset": other_id, "item": item_id, "accession_number": accession, "distance": distance})
    found.sort(key=lambda entry: (entry["distance"], entry["asset"]))
    return found[:limit]
