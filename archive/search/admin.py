"""The search outbox in the admin: what is waiting to reach the index, and why."""
from django.contrib import admin

from .models import IndexState, TrailIndexState

OUTBOX_FIELDS = ("version", "pending", "changed_at", "synced_at", "attempts")


class OutboxAdmin(admin.ModelAdmin):
    """Read-only: rows are made by changes to what they index and changed by indexing, never by hand."""

    list_filter = ("pending",)

    def has_add_permission(self, request):
        """Rows are made by changes, never by hand."""
        return False

    def has_change_permission(self, request, obj=None):
        """Rows are changed by indexing only."""
        return False


@admin.register(IndexState)
class IndexStateAdmin(OutboxAdmin):
    """The items' outbox."""

    list_display = ("item_id", *OUTBOX_FIELDS)
    search_fields = ("item_id",)
    readonly_fields = ("item_id", *OUTBOX_FIELDS, "last_error")


@admin.register(TrailIndexState)
class TrailIndexStateAdmin(OutboxAdmin):
    """The story trails' outbox."""

    list_display = ("trail_id", *OUTBOX_FIELDS)
    search_fields = ("trail_id",)
    readonly_fields = ("trail_id", *OUTBOX_FIELDS, "last_error")
