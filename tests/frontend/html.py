"""A tiny HTML reader for the page tests: elements with their attributes and text."""
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """One element: its tag, attributes and the text inside it (descendants included)."""

    tag: str
    attrs: dict
    text: str = ""
    children: list = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.open = [], []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def elements(html: str, tag: str | None = None, **attrs) -> list[Element]:
    """Elements of ``html`` with ``tag`` whose attributes include ``attrs`` (``class_`` means ``class``)."""
    reader = _Reader()
    reader.feed(html)
    wanted = {k.rstrip("_"): v for k, v in attrs.items()}
    return [e for e in reader.elements
            if (tag is None or e.tag == tag) and all(e.attrs.get(k) == v for k, v in wanted.items())]
