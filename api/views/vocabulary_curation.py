"""Community vocabulary in the API: members propose subjects and place names; curators approve and merge.

Mixed into the vocabulary viewsets (``api/views/vocabulary.py``). Merged duplicates are left out of
the lists; asking for one answers ``301 Moved Permanently`` to the record it was merged into.
"""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.response import Response

from archive.access import can_view_vocabulary, place_name_proposals_visible_to, vocabulary_visible_to
from archive.models import Person, Place, Subject
from archive.services.vocabulary import merged_target
from archive.services.vocabulary_curation import (
    VocabularyError, person_merge, place_merge, place_name_approve, place_name_propose, place_name_reject,
    subject_approve, subject_merge, subject_propose,
)

from ..serializers.vocabulary import SubjectSerializer
from ..serializers.vocabulary_curation import (
    MergeSerializer, PlaceNameProposalSerializer, RejectSerializer, SubjectApproveSerializer,
    SubjectProposeSerializer,
)


def _service(call, *args, **kwargs):
    """Run a service; its refusals become 403 and its complaints a 400 naming the field."""
    try:
        return call(*args, **kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except VocabularyError as exc:
        raise ValidationError({exc.field: [str(exc)]}) from exc


class MergedRedirectMixin:
    """Lists leave merged duplicates out; a merged duplicate's URL answers 301 to the record it became.

    Lists and records are those the caller may see (:func:`archive.access.vocabulary_visible_to`): a name
    used only on items hidden from the caller answers 404, like an id that does not exist.
    """

    model = None
    basename = None

    def get_queryset(self):
        """The records the caller may see, without merged duplicates."""
        return vocabulary_visible_to(self.request.user, self.model.objects.all())

    def found(self, pk):
        """The record with this id, merged or not, if the caller may see it (else 404)."""
        record = get_object_or_404(self.model, pk=pk)
        if not can_view_vocabulary(self.request.user, record):
            raise Http404
        return record

    def retrieve(self, request, *args, **kwargs):
        """One record; ``301`` to the record it was merged into when it is a merged duplicate."""
        record = self.found(kwargs["pk"])
        if record.merged_into_id:
            target = merged_target(record)
            return HttpResponsePermanentRedirect(
                request.build_absolute_uri(reverse(f"api:{self.basename}-detail", args=[target.pk])))
        return Response(self.get_serializer(record).data)

    def _merge(self, request, service):
        duplicate = self.found(self.kwargs["pk"])
        given = MergeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        into = self.model.objects.filter(pk=given.validated_data["into"]).first()
        if into is None or not can_view_vocabulary(request.user, into):
            raise ValidationError({"into": [_("There is no record with id %(id)s.")
                                            % {"id": given.validated_data["into"]}]})
        kept = _service(service, duplicate, into, request.user)
        return Response(self.get_serializer(kept).data)


class SubjectCurationMixin(MergedRedirectMixin):
    """Subjects: members propose (``POST``), curators approve with both labels and merge duplicates."""

    model, basename = Subject, "subject"

    @extend_schema(request=SubjectProposeSerializer, responses={201: SubjectSerializer},
                   description="Members propose a subject; it waits for a curator and only its proposer and "
                               "curators see it until it is approved. 400 (field `label`) when it already exists.")
    def create(self, request, *args, **kwargs):
        """Propose a subject."""
        given = SubjectProposeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        subject = _service(subject_propose, request.user, given.validated_data["label"],
                           given.validated_data["language"])
        return Response(self.get_serializer(subject).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SubjectApproveSerializer, description="Curators approve a proposed subject, giving "
                                                                 "its Welsh and English labels.")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a proposed subject with both labels."""
        subject = self.found(pk)
        given = SubjectApproveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        _service(subject_approve, subject, request.user, **given.validated_data)
        return Response(self.get_serializer(subject).data)

    @extend_schema(request=MergeSerializer, description="Curators merge this subject into `into`: its items "
                   "move there and its labels become aliases (searches for them still find the items).")
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate into another subject."""
        return self._merge(request, subject_merge)


class PlaceCurationMixin(MergedRedirectMixin):
    """Places: members propose other names and spellings; curators approve or turn them down, and merge."""

    model, basename = Place, "place"

    @extend_schema(methods=["GET"], responses=PlaceNameProposalSerializer(many=True),
                   description="Proposed names for this place: every one for curators, your own for members.")
    @extend_schema(methods=["POST"], request=PlaceNameProposalSerializer,
                   responses={201: PlaceNameProposalSerializer},
                   description="Members propose another name or spelling; once a curator approves it, it is "
                               "one of the place's variants and searches find the place by it.")
    @action(detail=True, methods=["get", "post"], pagination_class=None)  # all of a place's names, not paged
    def names(self, request, pk=None):
        """List (GET) or propose (POST) names for this place."""
        place = merged_target(self.found(pk))
        if request.method == "GET":
            proposals = place_name_proposals_visible_to(request.user).filter(place=place).select_related(
                "proposed_by")
            return Response(PlaceNameProposalSerializer(proposals, many=True).data)
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Sign in to propose a place name."))
        given = PlaceNameProposalSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        proposal = _service(place_name_propose, place, request.user, given.validated_data["name"],
                            given.validated_data.get("language", ""))
        return Response(PlaceNameProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    def _proposal(self, pk, proposal_id):
        return get_object_or_404(place_name_proposals_visible_to(self.request.user), pk=proposal_id,
                                 place__in=Place.objects.filter(pk=pk).values("pk"))

    @extend_schema(request=None, responses=PlaceNameProposalSerializer)
    @action(detail=True, methods=["post"], url_path=r"names/(?P<proposal_id>\d+)/approve",
            url_name="name-approve")
    def name_approve(self, request, pk=None, proposal_id=None):
        """Curators: approve a proposed name (it joins the place's variants)."""
        proposal = _service(place_name_approve, self._proposal(pk, proposal_id), request.user)
        return Response(PlaceNameProposalSerializer(proposal).data)

    @extend_schema(request=RejectSerializer, responses=PlaceNameProposalSerializer)
    @action(detail=True, methods=["post"], url_path=r"names/(?P<proposal_id>\d+)/reject",
            url_name="name-reject")
    def name_reject(self, request, pk=None, proposal_id=None):
        """Curators: turn down a proposed name, with a reason shown to who proposed it."""
        given = RejectSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        proposal = _service(place_name_reject, self._proposal(pk, proposal_id), request.user,
                            given.validated_data["reason"])
        return Response(PlaceNameProposalSerializer(proposal).data)

    @extend_schema(request=MergeSerializer, description="Curators merge this place into `into`: its items move "
                   "there and its names become variants (searches for them still find the items).")
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate into another place."""
        return self._merge(request, place_merge)


class PersonMergeMixin(MergedRedirectMixin):
    """People: curators merge duplicates (items and region tags move; names become variants)."""

    model, basename = Person, "person"

    @extend_schema(request=MergeSerializer, description="Curators merge this person into `into`: items and "
                   "region tags move there and the names become variants.")
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate into another person."""
        return self._merge(request, person_merge)
