"""The archive's models, one module per part of the domain."""
from .accounts import User
from .audit import AuditEvent
from .fixity import FixityCheck
from .items import Asset, Batch, Derivative, Description, Item
from .vocabulary import Collection, Person, Place, Subject

__all__ = [
    "Asset", "AuditEvent", "Batch", "Collection", "Derivative", "Description", "FixityCheck",
    "Item", "Person", "Place", "Subject", "User",
]
