"""The search outbox in the admin: what is waiting to reach the index, and why."""
from django.contrib import admin

from .models import IndexState, TrailIndexState


@admin.register(IndexState)
class IndexStateAdmin(admin.ModelAdmin):
    """Read-only: rows change only through indexing."""

    list_display = ("item_id", "version", "pending", "changed_at", "synced_at", "attempts")
    list_filter = ("pending",)
    search_fields = ("item_id",)
    readonly_fields = ("item_id", "version", "pending", "changed_at", "synced_at", "attempts", "last_error")

    def has_add_permission(self, request):
        """Rows are made by changes to items, never by hand."""
        return False

    def has_change_permission(self, request, obj=None):
        """Rows are changed by indexing only."""
        return False


@admin.register(TrailIndexState)
class TrailIndexStateAdmin(admin.ModelAdmin):
    """Read-only, like the items' outbox: rows change only through indexing."""

    list_display = ("trail_id", "version", "pending", "changed_at", "synced_at", "attempts")
    list_filter = ("pending",)
    search_fields = ("trail_id",)
    readonly_fields = ("trail_id", "version", "pending", "changed_at", "synced_at", "attempts", "last_error")

    def has_add_permission(self, request):
        """Rows are made by changes to trails, never by hand."""
        return False

    def has_change_permission(self, request, obj=None):
        """Rows are changed by indexing only."""
        return False
