"""Turning what a contributor typed about an upload into a :class:`Contribution` (API and upload page alike)."""
from .items import Contribution
from .vocabulary import person_resolve, place_resolve, subject_resolve


def contribution_from_fields(*, actor, licence: str, consent: bool, caption: str = "", language: str = "en",
                             date_text: str = "", place: str = "", people=(), subjects=(),
                             visibility: str = "public", share_location: bool = False,
                             teller_name: str = "") -> Contribution:
    """The :class:`Contribution` for an upload's validated fields, resolving the place, people and subjects.

    ``place`` is a place id or name, ``people`` and ``subjects`` are lists of ids or names (a new one is made
    for a new name, proposed by ``actor``). Call it inside the transaction that creates the batch.
    """
    return Contribution(
        licence=licence, consent=consent, caption=caption, language=language, date_text=date_text,
        visibility=visibility, share_location=share_location, teller_name=teller_name,
        place=place_resolve(place, actor=actor, language=language) if place else None,
        people=[person_resolve(p, actor=actor) for p in people],
        subjects=[subject_resolve(s, language=language, actor=actor) for s in subjects],
    )
