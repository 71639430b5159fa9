"""Adding photos from a browser or phone: the upload page, an upload's progress, and "My contributions".

Who may contribute is decided by :func:`archive.access.can_contribute` (and explained by
:func:`archive.access.contribute_refusal`); the upload is made by the same services as the API's
(:func:`archive.services.contribution_from_fields`, :func:`archive.services.batch_create`), and counts
against the same per-account limit (``COFIO_RATE_CONTRIBUTE``).
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.access import can_contribute, can_moderate, contribute_refusal
from archive.models import Item
from archive.models.moderation import Moderation
from archive.reasons import reason_text
from archive.selectors import batch_progress, batches_visible_to, items_for_listing
from archive.services import batch_create, contribution_from_fields

from ..bilingual import current_language
from ..contributing import ContributeForm, known_places, licence_options
from .item_controls import visibility_meanings
from .limits import over_the_limit

PAGE_SIZE = 20


def _form_page(request, form: ContributeForm, status: int = 200):
    return render(request, "frontend/contribute.html", {
        "form": form, "licences": licence_options(), "places": known_places(request.user),
        "visibilities": visibility_meanings(), "sent": form.is_bound,
        "max_files": settings.COFIO_MAX_UPLOAD_FILES,
    }, status=status)


def contribute(request):
    """The "Add photos" page: the form (GET), or the upload (POST) and on to its progress page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_contribute(request.user):
        return render(request, "frontend/contribute_refused.html", {"why": contribute_refusal(request.user)},
                      status=403)
    curator = can_moderate(request.user)
    if request.method != "POST":
        return _form_page(request, ContributeForm(curator=curator))
    form = ContributeForm(request.POST, request.FILES, curator=curator, user=request.user)
    if over_the_limit(request, "contribute"):
        messages.error(request, _("You have sent a lot in a short time. Please wait a little and try again."))
        return _form_page(request, form, status=429)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    with transaction.atomic():
        contribution = contribution_from_fields(actor=request.user, **form.contribution_fields())
        batch = batch_create(contributor=request.user, uploads=form.cleaned_data["files"],
                             contribution=contribution)
    messages.success(request, _("Thank you. Your photos have arrived; the archive is getting them ready."))
    return redirect("frontend:contribute-batch", pk=batch.pk)


def _status_line(item: Item) -> str:
    """Why an item failed, in plain words in the reader's language ("" when it did not)."""
    if item.status != Item.Status.FAILED:
        return ""
    return reason_text(item.status_reason, item.status_params, current_language())


def _signed_in_or_login(request):
    return None if request.user.is_authenticated else redirect_to_login(request.get_full_path())


def batch(request, pk: int):
    """One upload's progress: each photo's item and status, "n of m processed", and what happens next."""
    login = _signed_in_or_login(request)
    if login:
        return login
    upload = get_object_or_404(batches_visible_to(request.user), pk=pk)
    items = list(items_for_listing(request.user).filter(batch=upload).order_by("id"))
    progress = batch_progress(upload)
    return render(request, "frontend/contribute_batch.html", {
        "batch": upload, "progress": progress,
        "rows": [{"item": item, "reason": _status_line(item)} for item in items],
        "waiting": any(item.moderation == Moderation.PENDING for item in items),
        "api_url": reverse("api:batch-detail", args=[upload.pk]),
    })


def mine(request):
    """"My contributions": the signed-in member's items, newest first, with status and moderation."""
    login = _signed_in_or_login(request)
    if login:
        return login
    items = items_for_listing(request.user).filter(contributor=request.user).order_by("-created_at", "-id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "frontend/contribute_mine.html", {
        "page": page,
        "rows": [{"item": item, "reason": _status_line(item)} for item in page.object_list],
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "can_contribute": can_contribute(request.user),
    })
