"""Selectors: reads from the archive, named for what they return."""
from django.db.models import Count, Prefetch, Q, QuerySet

from .access import items_visible_to
from .models import Asset, Batch, Derivative, Item


def items_for_listing(user) -> QuerySet:
    """Items ``user`` may see, with what a list or a page shows, fetched in a few queries."""
    return (
        items_visible_to(user)
        .select_related("place", "contributor")
        .prefetch_related(
            "people", "subjects", "collections", "descriptions__author",
            Prefetch("assets", queryset=Asset.objects.prefetch_related(
                Prefetch("derivatives", queryset=Derivative.objects.all()))),
        )
    )


def batch_progress(batch: Batch) -> dict:
    """How far a batch has got: total items, processed (ready, failed or withdrawn), and each count."""
    counts = batch.items.aggregate(
        total=Count("id"),
        ready=Count("id", filter=Q(status=Item.Status.READY)),
        failed=Count("id", filter=Q(status=Item.Status.FAILED)),
        withdrawn=Count("id", filter=Q(status=Item.Status.WITHDRAWN)),
    )
    counts["processed"] = counts["ready"] + counts["failed"] + counts["withdrawn"]
    counts["done"] = counts["processed"] == counts["total"]
    return counts


def batches_visible_to(user) -> QuerySet:
    """Batches ``user`` may follow: their own, or all of them for curators."""
    if user and user.is_authenticated and user.is_curator:
        return Batch.objects.all()
    if user and user.is_authenticated:
        return Batch.objects.filter(contributor=user)
    return Batch.objects.none()
