"""Making iiif-prezi3 objects quickly: validated by their own schema, without the library's defaulting.

``Canvas(id=…, …)`` runs iiif-prezi3's helpers before pydantic validates the object: they fill in what was
left out (an id made up under ``http://example.org/``, a string label turned into ``{"none": […]}``, a
lone value wrapped in a list, ``items=[]``). Cofio gives every object everything it carries, in its final
form, so the helpers never change anything here, yet they cost about a third of a manifest's build (some
30 µs for each of the hundreds of objects a trail of 30 stops is made of). :func:`made` validates the same
fields by the same pydantic schema, strictly, as the constructor does after its helpers, and gives the
same object; ``tests/iiif/test_objects.py`` builds every kind of manifest both ways and compares them.
"""
from typing import TypeVar

from iiif_prezi3.base import Base

T = TypeVar("T", bound=Base)


def made(cls: type[T], **fields) -> T:
    """An instance of the iiif-prezi3 class ``cls`` with ``fields``, validated by its schema (``ValidationError``
    on a wrong value, as its constructor raises), without the library's defaulting helpers.

    How pydantic's own ``BaseModel.__init__`` validates into an instance:
    https://docs.pydantic.dev/latest/api/base_model/#pydantic.BaseModel.__init__
    """
    instance = cls.__new__(cls)
    object.__setattr__(instance, "_list_wrappers", {})  # what iiif-prezi3's constructor sets before validating
    cls.__pydantic_validator__.validate_python(fields, self_instance=instance)
    return instance
