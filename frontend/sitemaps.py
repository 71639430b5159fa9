"""The sitemap (``/sitemap.xml``, Django's sitemaps framework): the pages of the public items.

Built from :func:`archive.access.items_visible_to` for a visitor, so it lists exactly what a visitor
may see: an item withdrawn, made private, held for review or not (yet) approved leaves it at once.
"""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.access import items_visible_to


class ItemSitemap(Sitemap):
    """Every public item's page, with the time it last changed."""

    changefreq = "monthly"
    limit = 10_000  # per page of the sitemap (?p=2 …); the protocol allows 50,000

    def items(self):
        """The items a visitor may see, oldest first (so pages stay put as the archive grows)."""
        return items_visible_to(None).order_by("id").only("id", "updated_at")

    def location(self, item) -> str:
        """The item's page."""
        return reverse("frontend:item", args=[item.pk])

    def lastmod(self, item):
        """When anything its page shows last changed."""
        return item.updated_at


SITEMAPS = {"items": ItemSitemap}
