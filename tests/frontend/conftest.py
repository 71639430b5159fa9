"""Fixtures for the page tests: items made straight with the ORM."""
import pytest

from archive.licences import LICENCES
from archive.models import Asset, Derivative, Description, Item


@pytest.fixture
def make_item(db):
    """Make an item with a thumbnail and a web image: ``make_item(user, title_en="…", voices=[…])``.

    ``voices`` is a list of ``(kind, text, language, author)``. Files are not written:
    the pages only need the derivatives' paths.
    """

    def make(contributor, *, picture=True, voices=(), **fields):
        fields.setdefault("licence", LICENCES[0].uri)
        fields.setdefault("status", Item.Status.READY)
        fields.setdefault("consent", True)
        fields.setdefault("moderation", "approved")  # a curator approved it (new items wait by default)
        item = Item.objects.create(contributor=contributor, **fields)
        if picture:
            sha = f"{item.pk:064x}"
            asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}",
                                         original_filename="llun.jpg", size_bytes=1000, sha256=sha,
                                         media_type="image/jpeg", width=1200, height=800)
            for kind, width, height in (("thumbnail", 400, 267), ("web", 1200, 800)):
                Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                          media_type="image/jpeg", width=width, height=height)
        for kind, text, language, author in voices:
            Description.objects.create(item=item, kind=kind, text=text, language=language, author=author,
                                       moderation="approved")
        return item

    return make
