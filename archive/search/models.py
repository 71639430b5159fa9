"""The search outbox: for every item, the version the index must show and whether it shows it yet."""
from django.db import models
from django.utils import timezone


class OutboxState(models.Model):
    """What every outbox row records: the version the index must show and how far it has got (abstract)."""

    version = models.BigIntegerField(default=1)
    pending = models.BooleanField(default=True)
    changed_at = models.DateTimeField(default=timezone.now)
    synced_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Failed attempts to update the index since the change.")
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True


class IndexState(OutboxState):
    """Where the search index stands for one item.

    Every change to an item (or to what its document is made from) bumps ``version`` and sets
    ``pending`` in the same transaction as the change; an index update writes the document with
    that version (external versioning, so an older write never overwrites a newer one) and clears
    ``pending`` only if no newer change came meanwhile. While ``pending`` is set, searches leave
    the item out unless the database says it is public, so withdrawing hides an item at once even
    when the engine cannot be reached. ``removed_at`` says when an update last took the item out of
    the index (the database's clock): searches keep leaving it out for a while after that, since
    an engine shows a removal only after its next refresh (see ``archive.search.selectors``).
    Rows are kept (not deleted) so versions only ever grow.
    """

    item_id = models.BigIntegerField(primary_key=True)  # no foreign key: deleted items must leave the index too

    class Meta:
        indexes = [models.Index(fields=["changed_at"], condition=models.Q(pending=True), name="search_pending"),
                   models.Index(fields=["removed_at"], name="search_removed")]

    def __str__(self):
        return f"item {self.item_id} v{self.version} {'pending' if self.pending else 'indexed'}"


class TrailIndexState(OutboxState):
    """Where the search index stands for one story trail: the same outbox as :class:`IndexState`, for trails.

    A trail's document is ``trail-<id>`` in the same index as the items; only published trails have one.
    """

    trail_id = models.BigIntegerField(primary_key=True)  # no foreign key: deleted trails must leave the index too

    class Meta:
        indexes = [models.Index(fields=["changed_at"], condition=models.Q(pending=True), name="search_trail_pending"),
                   models.Index(fields=["removed_at"], name="search_trail_removed")]

    def __str__(self):
        return f"trail {self.trail_id} v{self.version} {'pending' if self.pending else 'indexed'}"
