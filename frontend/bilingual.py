"""Choosing Welsh or English text for the reader, and remembering which one was chosen.

Pages put the chosen language in a ``lang`` attribute, so screen readers
pronounce a Welsh title as Welsh even on the English interface.
"""
from dataclasses import dataclass

from django.utils.translation import get_language, gettext


@dataclass(frozen=True)
class Localised:
    """Text with the language it is written in ('cy', 'en')."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def current_language() -> str:
    """The interface language of this request: 'cy' or 'en'."""
    return "cy" if (get_language() or "").lower().startswith("cy") else "en"


def _in_order(language: str) -> tuple[str, str]:
    return ("cy", "en") if language == "cy" else ("en", "cy")


def localised(obj, field: str, language: str | None = None) -> Localised:
    """``obj.<field>_cy`` or ``obj.<field>_en`` in ``language`` (the reader's by default), else the other one."""
    language = language or current_language()
    for code in _in_order(language):
        text = (getattr(obj, f"{field}_{code}", "") or "").strip()
        if text:
            return Localised(text, code)
    return Localised("", language)


def localised_map(texts: dict[str, str], language: str | None = None) -> Localised:
    """A language map's (``{"cy": …, "en": …}``) text in ``language`` (the reader's by default), else the other."""
    language = language or current_language()
    for code in _in_order(language):
        if texts.get(code):
            return Localised(texts[code], code)
    return Localised("", language)


def item_title(item) -> Localised:
    """The item's title for the reader (:func:`archive.selectors.item_title`), or "Untitled" when it has none."""
    from archive.selectors import item_title as title_of

    text, language = title_of(item, current_language())
    return Localised(text, language) if text else Localised(gettext("Untitled"), current_language())


def both_names(obj, field: str = "name") -> list[Localised]:
    """``obj``'s Welsh and English values of ``field``, the reader's language first, each shown once."""
    names, seen = [], set()
    for code in _in_order(current_language()):
        text = (getattr(obj, f"{field}_{code}", "") or "").strip()
        if text and text not in seen:
            seen.add(text)
            names.append(Localised(text, code))
    return names
