"""Welsh and English: the Welsh interface is really Welsh, and every string has a Welsh translation."""
import ast
import gettext
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils.translation.template import templatize

from frontend import compilemessages

from .html import elements

FRONTEND = Path(compilemessages.__file__).resolve().parent
WELSH_PO = FRONTEND / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# gettext('…') calls as templatize() writes them, and gettext calls in Python source.
TEMPLATE_CALL = re.compile(r"""\bgettext\(u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)""")
GETTEXT_NAMES = {"gettext", "gettext_lazy", "gettext_noop", "_"}
SERVICES = FRONTEND.parent / "archive" / "services"  # their refusals are shown on the pages
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _ui_strings() -> set[str]:
    strings = set()
    for template in (FRONTEND / "templates").rglob("*.html"):
        code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
        strings |= {ast.literal_eval(m) for m in TEMPLATE_CALL.findall(code)}
    for source in [*FRONTEND.rglob("*.py"), *SERVICES.rglob("*.py")]:
        strings |= _python_strings(source)
    return strings


def _python_strings(source: Path) -> set[str]:
    """The text of every gettext call in a Python file, read from its syntax tree (so a message written as
    several adjacent string literals is read whole)."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT_NAMES
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


@pytest.mark.django_db
def test_welsh_cookie_gives_the_welsh_interface(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("frontend:home")).content.decode()
    assert '<html lang="cy">' in html
    assert "Neidio i'r cynnwys" in html
    assert "Mewngofnodi" in html and "Y diweddaraf yn yr archif" in html
    assert "Skip to content" not in html
    buttons = {b.attrs["value"]: b.attrs.get("aria-current") for b in elements(html, "button", name="language")}
    assert buttons == {"cy": "true", "en": None}


@pytest.mark.django_db
def test_language_switcher_posts_to_set_language_and_back(client):
    assert '<html lang="en">' in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "cy", "next": "/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/?page=1"
    html = client.get("/").content.decode()
    assert '<html lang="cy">' in html and "Neidio i'r cynnwys" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Skip to content" in client.get("/").content.decode()


@pytest.mark.django_db
def test_welsh_login_page(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("frontend:login")).content.decode()
    labels = [label.text for label in elements(html, "label")]
    assert labels == ["Chwilio'r archif", "Enw defnyddiwr", "Cyfrinair"]  # the header's search box, then the form
    assert elements(html, "h1")[0].text == "Mewngofnodi"


def test_every_ui_string_has_a_welsh_translation():
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(WELSH_PO)) if not entry.obsolete}
    strings = _ui_strings()
    assert "Skip to content" in strings and "Signed in as %(name)s" in strings  # the extraction works
    missing = sorted(s for s in strings if s not in catalogue or not catalogue[s].msgstr
                     or "fuzzy" in catalogue[s].flags)
    assert missing == []


def test_welsh_translations_keep_their_placeholders():
    for entry in polib.pofile(str(WELSH_PO)):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        # A plural entry keeps them in each of its Welsh forms (Welsh has four).
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert translations and all(t for t in translations), entry.msgid
        for translation in translations:
            assert sorted(PLACEHOLDER.findall(translation)) == wanted, entry.msgid


def test_compilemessages_writes_mo_files_and_skips_fresh_ones(tmp_path):
    target = tmp_path / "cy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(WELSH_PO, target / "django.po")
    mo_path = target / "django.mo"

    assert compilemessages.compile_all(tmp_path) == [mo_path]
    with open(mo_path, "rb") as f:
        assert gettext.GNUTranslations(f).gettext("Skip to content") == "Neidio i'r cynnwys"
    assert compilemessages.compile_all(tmp_path) == []  # the .mo is newer: left alone

    po_stat = (target / "django.po").stat()
    os.utime(mo_path, ns=(po_stat.st_atime_ns, po_stat.st_mtime_ns - 1_000_000_000))  # .mo older than .po
    assert compilemessages.compile_all(tmp_path) == [mo_path]
    assert compilemessages.compile_all(tmp_path, force=True) == [mo_path]
    assert not list(target.glob(".*.tmp"))
