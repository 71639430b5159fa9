"""Django admin for every part of the archive."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import (
    Asset, AuditEvent, Batch, Collection, Derivative, Description, FixityCheck, Invite, Item, Person, Place,
    PlaceNameProposal, RegionTag, Stop, Subject, TakedownRequest, Trail, TrailAuthor, User,
)


@admin.register(User)
class CofioUserAdmin(UserAdmin):
    """Accounts, with Cofio's role and credit name."""

    fieldsets = UserAdmin.fieldsets + (("Cofio", {"fields": ("role", "display_name", "preferred_language",
                                                           "approved", "trusted", "invite")}),)
    list_display = ("username", "display_name", "role", "approved", "trusted", "is_active", "date_joined")
    list_filter = ("role", "approved", "trusted", "is_active", "is_superuser")
    raw_id_fields = ("invite",)


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
    """People; curators record here whether a living person's name may be shown to visitors."""

    list_display = ("name", "life_dates", "living", "name_consent")
    list_filter = ("living", "name_consent")
    search_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "variants", "life_dates", "notes", "merged_into")}),
                 ("Consent to show the name", {"fields": ("living", "name_consent", "name_consent_note")}))
    raw_id_fields = ("merged_into",)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "latitude", "longitude")
    search_fields = ("name_cy", "name_en")


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_cy", "label_en", "approved", "proposed_by", "merged_into")
    list_filter = ("approved",)
    search_fields = ("slug", "label_cy", "label_en")
    raw_id_fields = ("proposed_by", "merged_into")


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


# --- Joining and the community vocabulary (issue 6, part C) ----------------------------------


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    """Invite codes: who made each, for whom, how many times it was used, until when."""

    list_display = ("code", "note", "created_by", "created_at", "expires_at", "uses", "max_uses", "trusted")
    list_filter = ("trusted",)
    search_fields = ("code", "note")
    readonly_fields = ("code", "uses", "created_by", "created_at")

    def save_model(self, request, obj, form, change):
        """A new invite gets an unguessable code and its maker."""
        if not change:
            from .services.accounts import invite_code_new

            obj.code, obj.created_by = invite_code_new(), request.user
        super().save_model(request, obj, form, change)


@admin.register(PlaceNameProposal)
class PlaceNameProposalAdmin(admin.ModelAdmin):
    """Place names proposed by members (approve them on /curate/vocabulary/ so they join the variants)."""

    list_display = ("name", "place", "language", "moderation", "proposed_by", "created_at")
    list_filter = ("moderation", "language")
    search_fields = ("name", "place__name_cy", "place__name_en")
    raw_id_fields = ("place", "proposed_by", "moderated_by")


# --- Region tags and takedown requests (issue 6, part B) ---------------------------------------


@admin.register(RegionTag)
class RegionTagAdmin(admin.ModelAdmin):
    """Who or what is on a region of a picture; moderation is done through the API or here."""

    list_display = ("label", "item", "person", "moderation", "author", "created_at")
    list_filter = ("moderation", "motivation")
    search_fields = ("label", "item__accession_number")
    raw_id_fields = ("item", "asset", "person", "author", "moderated_by")


@admin.register(TakedownRequest)
class TakedownRequestAdmin(admin.ModelAdmin):
    """Takedown requests. Decide them through the API (``…/resolve/``): that hides, blurs or deletes as decided,
    records it in the item's audit trail and tells the requester."""

    list_display = ("item", "status", "resolution", "created_at", "resolved_at")
    list_filter = ("status", "resolution")
    readonly_fields = ("item", "asset", "region", "reason", "requester", "requester_name", "requester_email",
                       "status", "resolution", "resolution_note", "resolved_by", "resolved_at", "created_at")

    def has_add_permission(self, request):
        return False


class StopInline(admin.TabularInline):
    model = Stop
    extra = 0
    fields = ("position", "item", "narrative_en", "narrative_cy", "lat", "lon", "shown_to_visitors")
    readonly_fields = fields


class TrailAuthorInline(admin.TabularInline):
    model = TrailAuthor
    extra = 0
    fields = ("user", "role", "invited_by", "created_at")
    readonly_fields = fields


@admin.register(Trail)
class TrailAdmin(admin.ModelAdmin):
    """Story trails, to look at: they are built, published and reverted in the builder (/trails/<id>/edit/),
    which keeps their history, checks every stop's item and tells search and IIIF."""

    list_display = ("title_en", "title_cy", "status", "created_by", "published_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title_en", "title_cy", "introduction_en", "introduction_cy")
    inlines = [TrailAuthorInline, StopInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
