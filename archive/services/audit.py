"""Recording what happened to items."""
from ..models import AuditEvent, Item


def audit_record(item: Item, action: str, actor=None, **detail) -> AuditEvent:
    """Append an event to ``item``'s audit log (``actor`` None means the system)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(item=item, action=action, actor=actor, detail=detail)
