"""The archive's models, one module per part of the domain."""
from .accounts import User
from .audit import AuditEvent
from .community import Invite, PlaceNameProposal, RegionTag, TakedownRequest
from .fixity import FixityCheck
from .items import Asset, Batch, Derivative, Description, Item
from .moderation import Moderation
from .trails import Stop, Trail, TrailAuthor
from .vocabulary import Collection, Person, Place, Subject

__all__ = [
    "Asset", "AuditEvent", "Batch", "Collection", "Derivative", "Description", "FixityCheck", "Invite",
    "Item", "Moderation", "Person", "Place", "PlaceNameProposal", "RegionTag", "Stop", "Subject", "TakedownRequest",
    "Trail", "TrailAuthor", "User",
]
