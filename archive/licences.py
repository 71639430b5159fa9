"""The licences and rights statements a contributor may choose, by URI.

Creative Commons (https://creativecommons.org/) and RightsStatements.org
(https://rightsstatements.org/page/1.0/). Items store the URI; this module is
the one list every surface (API, pages, IIIF ``rights``) reads.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """One licence or rights statement, with labels in Welsh and English."""

    uri: str
    code: str
    label_en: str
    label_cy: str

    def label(self, language: str = "en") -> str:
        """The label in ``language`` ('cy' or 'en'), English otherwise."""
        return self.label_cy if language == "cy" else self.label_en


_CC = "http://creativecommons.org/licenses/{}/4.0/"
_RS = "http://rightsstatements.org/vocab/{}/1.0/"

LICENCES = (
    Licence(_CC.format("by"), "CC-BY-4.0", "Creative Commons Attribution 4.0", "Creative Commons Priodoli 4.0"),
    Licence(_CC.format("by-sa"), "CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0",
            "Creative Commons Priodoli-RhannuYnGyffelyb 4.0"),
    Licence(_CC.format("by-nc"), "CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0",
            "Creative Commons Priodoli-AnFasnachol 4.0"),
    Licence(_CC.format("by-nc-sa"), "CC-BY-NC-SA-4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
            "Creative Commons Priodoli-AnFasnachol-RhannuYnGyffelyb 4.0"),
    Licence(_CC.format("by-nd"), "CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0",
            "Creative Commons Priodoli-DimDeilliadau 4.0"),
    Licence(_CC.format("by-nc-nd"), "CC-BY-NC-ND-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            "Creative Commons Priodoli-AnFasnachol-DimDeilliadau 4.0"),
    Licence("http://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", "CC0 Public Domain Dedication",
            "CC0 Ymroddiad Parth Cyhoeddus"),
    Licence("http://creativecommons.org/publicdomain/mark/1.0/", "PDM-1.0", "Public Domain Mark",
            "Nod Parth Cyhoeddus"),
    Licence(_RS.format("InC"), "InC", "In Copyright", "Mewn Hawlfraint"),
    Licence(_RS.format("InC-EDU"), "InC-EDU", "In Copyright - Educational Use Permitted",
            "Mewn Hawlfraint - Caniateir Defnydd Addysgol"),
    Licence(_RS.format("InC-NC"), "InC-NC", "In Copyright - Non-Commercial Use Permitted",
            "Mewn Hawlfraint - Caniateir Defnydd Anfasnachol"),
    Licence(_RS.format("InC-RUU"), "InC-RUU", "In Copyright - Rights-holder(s) Unlocatable or Unidentifiable",
            "Mewn Hawlfraint - Ni ellir dod o hyd i ddeiliad yr hawliau"),
    Licence(_RS.format("NoC-NC"), "NoC-NC", "No Copyright - Non-Commercial Use Only",
            "Dim Hawlfraint - Defnydd Anfasnachol yn Unig"),
    Licence(_RS.format("NoC-OKLR"), "NoC-OKLR", "No Copyright - Other Known Legal Restrictions",
            "Dim Hawlfraint - Cyfyngiadau Cyfreithiol Eraill"),
    Licence(_RS.format("CNE"), "CNE", "Copyright Not Evaluated", "Hawlfraint Heb ei Asesu"),
    Licence(_RS.format("UND"), "UND", "Copyright Undetermined", "Hawlfraint Heb ei Bennu"),
    Licence(_RS.format("NKC"), "NKC", "No Known Copyright", "Dim Hawlfraint Hysbys"),
)
_BY_URI = {licence.uri: licence for licence in LICENCES}


def _normalise(uri: str) -> str:
    """Accept https and a missing trailing slash: contributors paste what their browser shows."""
    uri = (uri or "").strip()
    if uri.startswith("https://"):
        uri = "http://" + uri[len("https://"):]
    if uri and not uri.endswith("/"):
        uri += "/"
    return uri


def licence_get(uri: str) -> Licence | None:
    """The licence with this URI (http or https, trailing slash optional), or None."""
    return _BY_URI.get(_normalise(uri))


def licence_choices() -> list[tuple[str, str]]:
    """(uri, English label) pairs for model and form choices."""
    return [(licence.uri, licence.label_en) for licence in LICENCES]
