"""Template helpers for people and region tags: ``{% load people %}``.

Names are shown as :mod:`archive.access` allows: a living person whose consent is not recorded is
"a person" ("rhywun") to visitors; members and curators see the name.
"""
from django import template

from archive.access import person_label as access_person_label
from archive.access import person_name_shown, region_tag_label, region_tags_visible_to

from ..bilingual import current_language

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def person_label(context, person) -> str:
    """``{% person_label person %}``: the name, or "a person" when the reader may not see it."""
    return access_person_label(_user(context), person, current_language())


@register.simple_tag(takes_context=True)
def person_named(context, person) -> bool:
    """``{% person_named person as named %}``: whether the reader may see ``person``'s name."""
    return person_name_shown(_user(context), person)


@register.simple_tag(takes_context=True)
def region_tags_for(context, item) -> list[dict]:
    """``{% region_tags_for item as tags %}``: the tags the reader may see on ``item``'s pictures, each with
    its ``label`` (as the reader may see it), its ``person`` and whether that person is named to them."""
    user = _user(context)
    tags = region_tags_visible_to(user, item).select_related("person", "asset", "author")
    shown = []
    for tag in tags:
        width, height = tag.asset.width or 0, tag.asset.height or 0
        shown.append({
            "tag": tag,
            "label": region_tag_label(user, tag, current_language()),
            "person": tag.person,
            "named": tag.person is not None and person_name_shown(user, tag.person),
            # searching by a person works for names the public catalogue shows
            "searchable": tag.person is not None and person_name_shown(None, tag.person),
            "percent": ({"x": round(100 * tag.x / width, 1), "y": round(100 * tag.y / height, 1),
                         "w": round(100 * tag.w / width, 1), "h": round(100 * tag.h / height, 1)}
                        if width and height else None),
        })
    return shown


@register.simple_tag(takes_context=True)
def region_tag_form_for(context, item):
    """``{% region_tag_form_for item as form %}``: the form to tag a region, for readers who may (else None)."""
    from ..views.tags import region_tag_form_for as form_for

    return form_for(_user(context), item)
