"""Short pages for curators: members waiting to be welcomed, and the vocabulary members proposed.

Everything they change goes through the services (``archive.services.accounts`` and
``archive.services.vocabulary_curation``); who may use them is decided in ``archive.access``.
"""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from archive.ids import parse_id
from archive.models import Moderation, PlaceNameProposal, Subject
from archive.services.accounts import member_approve, member_trust, members_waiting
from archive.services.vocabulary_curation import (
    VocabularyError, place_name_approve, place_name_reject, subject_approve,
)

from .curation import curators_only


@curators_only
def members(request):
    """Members who joined without an invite and wait for a curator; approve (and trust) them."""
    if request.method == "POST":
        member = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("member")) or 0)
        member_approve(member, request.user)
        if request.POST.get("trusted") == "on":
            member_trust(member, request.user, True)
        messages.success(request, _("%(name)s is now a member.") % {"name": member.credit_name})
        return redirect("frontend:curate-members")
    return render(request, "frontend/curate_members.html", {"waiting": members_waiting()})


def _vocabulary_action(request) -> str | None:
    """Do what the form asked; an error message for the page, or None."""
    action = request.POST.get("action")
    try:
        if action == "approve-subject":
            subject = get_object_or_404(Subject, pk=parse_id(request.POST.get("subject")) or 0)
            subject_approve(subject, request.user, request.POST.get("label_cy", ""), request.POST.get("label_en", ""))
        elif action in ("approve-place-name", "reject-place-name"):
            proposal = get_object_or_404(PlaceNameProposal, pk=parse_id(request.POST.get("proposal")) or 0)
            if action == "approve-place-name":
                place_name_approve(proposal, request.user)
            else:
                place_name_reject(proposal, request.user, request.POST.get("reason", ""))
        else:
            return _("Choose what to do.")
    except VocabularyError as exc:
        return str(exc)
    return None


@curators_only
def vocabulary(request):
    """Subjects and place names members proposed: approve subjects with both labels, approve or turn down names."""
    error = None
    if request.method == "POST":
        error = _vocabulary_action(request)
        if error is None:
            messages.success(request, _("Done."))
            return redirect("frontend:curate-vocabulary")
    context = {
        "error": error,
        "subjects": Subject.objects.filter(approved=False, merged_into__isnull=True).select_related("proposed_by"),
        "place_names": PlaceNameProposal.objects.filter(moderation=Moderation.PENDING)
        .select_related("place", "proposed_by"),
    }
    return render(request, "frontend/curate_vocabulary.html", context, status=400 if error else 200)
