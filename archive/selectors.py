"""Selectors: reads from the archive, named for what they return."""
from django.db.models import Count, Prefetch, Q, QuerySet

from .access import descriptions_published, items_visible_to
from .models import Asset, Batch, Derivative, Description, Item, User
from .models.moderation import Moderation


def items_for_listing(user) -> QuerySet:
    """Items ``user`` may see, with what a list or a page shows, fetched in a few queries."""
    return (
        items_visible_to(user)
        .select_related("place", "contributor")
        .prefetch_related(
            "people", "subjects", "collections",
            # Lists and the item JSON carry approved voices only; a contributor's own waiting or
            # rejected words are read through descriptions_visible_to (item page, descriptions API).
            Prefetch("descriptions", queryset=descriptions_published().select_related("author")),
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


# --- Titles and voices (issue 6, part A2) ---------------------------------------------------


def item_title(item: Item, language: str) -> tuple[str, str]:
    """The item's title for a reader of ``language`` ('cy' or 'en'): ``(text, the language it is in)``.

    The title in that language, else the other one; ``("", language)`` when there is none. Titles
    (``title_cy``/``title_en``) come from captions: the upload's caption at first, then the caption a
    curator features (:func:`archive.services.item_feature_description`); no one's words are changed.
    """
    for code in (("cy", "en") if language == "cy" else ("en", "cy")):
        text = (getattr(item, f"title_{code}", "") or "").strip()
        if text:
            return text, code
    return "", language


def item_summary(item: Item) -> Description | None:
    """The caption a curator featured as the item's summary, while it is approved (else None)."""
    featured = item.featured_description
    if featured is not None and featured.moderation == Moderation.APPROVED:
        return featured
    return None


def curators_to_email() -> QuerySet:
    """Active curators (and superusers) with an email address: who is told when something waits for a curator."""
    return (User.objects.filter(Q(role=User.Role.CURATOR) | Q(is_superuser=True), is_active=True)
            .exclude(email=""))


def descriptions_waiting() -> QuerySet:
    """Descriptions waiting for a curator, oldest first, with their item and author (the moderation queue)."""
    return (Description.objects.filter(moderation=Moderation.PENDING)
            .select_related("item", "author").order_by("created_at", "id"))


def subject_shown(subject) -> bool:
    """Whether ``subject`` is shown on the items it is on (their pages, the API, manifests): approved, not a
    proposal waiting."""
    return bool(subject.approved)


def subjects_shown(item: Item) -> list:
    """The subjects shown on ``item`` (:func:`subject_shown`). Reads the prefetched ``item.subjects`` when there is one."""
    return [subject for subject in item.subjects.all() if subject_shown(subject)]
