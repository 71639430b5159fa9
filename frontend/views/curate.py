"""Short pages for curators: the members (roles, trust, invite codes, people waiting to be welcomed), and the
vocabulary members proposed.

Everything they change goes through the services (``archive.services.accounts`` and
``archive.services.vocabulary_curation``); who may use them is decided in ``archive.access``.
"""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from archive.curation_selectors import invite_usable, invites_listed, members_listed
from archive.ids import parse_id
from archive.models import Invite, Moderation, PlaceNameProposal, Subject, User
from archive.services.accounts import (
    invite_create, invite_revoke, member_approve, member_role_change, member_trust, members_waiting,
)
from archive.services.vocabulary_curation import (
    VocabularyError, place_name_approve, place_name_reject, subject_approve,
)

from .curation import curators_only, form_decided


MEMBERS_PAGE_SIZE = 25
INVITES_SHOWN = 50
INVITE_NOTE_LENGTH = 200


def _member(request):
    return get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("member")) or 0)


def _role_confirmation(request, member, role):
    """"Are you sure?" before a role changes: what the new role may do, and the same form with confirmed=yes."""
    curator = role == User.Role.CURATOR
    heading = (_("Make %(name)s a curator?") if curator else _("Make %(name)s a member again?")) % {
        "name": member.credit_name}
    explanation = [_("Curators approve and reject what others share, handle takedown requests, welcome members "
                     "and may change anyone's role.")]
    explanation.append(_("They will be able to do all of this.") if curator else
                       _("They will no longer be able to do any of this; what they shared stays."))
    return render(request, "frontend/curate_members_confirm.html", {
        "heading": heading, "explanation": explanation, "action": request.get_full_path(),
        "fields": [("action", "role"), ("member", member.pk), ("role", role)],
        "yes": _("Yes, make them a curator") if curator else _("Yes, make them a member"),
        "back": request.get_full_path(),
    })


def _members_action(request):
    """Do what a form on the members' page asked: a message, or a confirmation page (a response)."""
    action, actor = request.POST.get("action", "approve"), request.user
    if action == "invite-create":
        note = request.POST.get("note", "").strip()
        if len(note) > INVITE_NOTE_LENGTH:
            raise DjangoValidationError({"note": _("The note is too long: at most %(max)s characters.")
                                         % {"max": INVITE_NOTE_LENGTH}})
        invite = invite_create(actor, note=note, trusted=request.POST.get("trusted") == "on")
        return _("New invite code: %(code)s. Give it to the person you are inviting; it can be used once.") % {
            "code": invite.code}
    if action == "invite-revoke":
        invite = get_object_or_404(Invite, pk=parse_id(request.POST.get("invite")) or 0)
        invite_revoke(invite, actor)
        return _("Revoked: nobody can join with the code %(code)s any more.") % {"code": invite.code}
    member = _member(request)
    if action == "approve":
        member_approve(member, actor)
        if request.POST.get("trusted") == "on":
            member_trust(member, actor, True)
        return _("%(name)s is now a member.") % {"name": member.credit_name}
    if action == "trust":
        trusted = request.POST.get("trusted")
        if trusted not in ("yes", "no"):
            raise DjangoValidationError({"trusted": _("Choose whether to trust them.")})
        member_trust(member, actor, trusted == "yes")
        return (_("%(name)s is trusted: what they share is shown at once.") if trusted == "yes" else
                _("%(name)s is no longer trusted: what they share waits for a curator.")) % {
            "name": member.credit_name}
    if action == "role":
        role = request.POST.get("role", "")
        if role not in User.Role.values:
            raise DjangoValidationError({"role": _("Choose member or curator.")})
        if member.pk == actor.pk:
            raise DjangoValidationError({"role": _("You cannot change your own role; ask another curator.")})
        if request.POST.get("confirmed") != "yes":
            return _role_confirmation(request, member, role)
        member_role_change(member, actor, role)
        return (_("%(name)s is a curator now.") if role == User.Role.CURATOR else
                _("%(name)s is a member now, no longer a curator.")) % {"name": member.credit_name}
    raise DjangoValidationError(_("Choose what to do."))


@curators_only
def members(request):
    """Every member (searchable by name, a page at a time) with their role and whether they are trusted; members
    waiting to be welcomed; invite codes to make, see and revoke. Every change goes through a service."""
    status = 200
    if request.method == "POST":
        if done := form_decided(request, lambda: _members_action(request), request.get_full_path()):
            return done
        status = 400
    search = request.GET.get("q", "").strip()[:150]
    page = Paginator(members_listed(search), MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "frontend/curate_members.html", {
        "waiting_members": members_waiting(),
        "search": search,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "invites": [{"invite": invite, "usable": invite_usable(invite)} for invite in invites_listed()[:INVITES_SHOWN]],
    }, status=status)


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
