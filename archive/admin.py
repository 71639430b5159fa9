"""Django admin for every part of the archive."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import (
    Asset, AuditEvent, Batch, Collection, Derivative, Description, FixityCheck, Item, Person, Place, Subject, User,
)


@admin.register(User)
class CofioUserAdmin(UserAdmin):
    """Accounts, with Cofio's role and credit name."""

    fieldsets = UserAdmin.fieldsets + (("Cofio", {"fields": ("role", "display_name", "preferred_language")}),)
    list_display = ("username", "display_name", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active", "is_superuser")


class AssetInline(admin.TabularInline):
    model = Asset
    extra = 0
    readonly_fields = ("original", "original_filename", "size_bytes", "sha256", "page", "media_type", "width",
                       "height", "exif", "phash", "similar_to", "fixity_ok", "fixity_checked_at")
    can_delete = False


class DescriptionInline(admin.StackedInline):
    model = Description
    extra = 0
    autocomplete_fields = ("author",)


class AuditInline(admin.TabularInline):
    model = AuditEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "at", "detail")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Items, with their files, voices and audit log."""

    list_display = ("accession_number", "title_en", "title_cy", "status", "visibility", "contributor", "created_at")
    list_filter = ("status", "visibility", "collections", "licence")
    search_fields = ("accession_number", "title_en", "title_cy", "date_text", "descriptions__text")
    autocomplete_fields = ("place", "people", "subjects", "collections", "contributor")
    readonly_fields = ("status", "status_reason", "status_params", "batch", "consent_at", "created_at", "updated_at")
    inlines = [AssetInline, DescriptionInline, AuditInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "life_dates", "living")
    search_fields = ("name",)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "latitude", "longitude")
    search_fields = ("name_cy", "name_en")


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_cy", "label_en")
    search_fields = ("slug", "label_cy", "label_en")


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_cy", "title_en")
    search_fields = ("slug", "title_cy", "title_en")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log is read-only."""

    list_display = ("item", "action", "actor", "at")
    list_filter = ("action",)
    readonly_fields = ("item", "action", "actor", "at", "detail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    """Files; ``fixity_ok`` False is the fixity alarm (the original no longer matches its SHA-256)."""

    list_display = ("id", "item", "page", "media_type", "width", "height", "fixity_ok", "fixity_checked_at")
    list_filter = ("fixity_ok", "media_type")
    search_fields = ("sha256", "original_filename", "item__accession_number")
    readonly_fields = [f.name for f in Asset._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(FixityCheck)
class FixityCheckAdmin(admin.ModelAdmin):
    """Every re-hash of an original; read-only."""

    list_display = ("asset", "checked_at", "ok", "expected", "actual")
    list_filter = ("ok",)
    readonly_fields = ("asset", "checked_at", "ok", "expected", "actual")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Batch)
admin.site.register(Derivative)
admin.site.site_header = "Cofio"
