"""Why an item failed, in words a villager can understand, in Welsh and English.

Items store a reason code and its parameters; the words are chosen when shown,
in the reader's language.
"""
REASONS = {
    "not_an_image": {
        "en": "This file doesn't look like a photo or a scan{kind_en}. Please upload photos or scans as images "
              "(JPEG, PNG, TIFF, WebP, GIF or HEIC).",
        "cy": "Dydy'r ffeil hon ddim yn edrych fel llun neu sgan{kind_cy}. Llwythwch luniau neu sganiau fel "
              "delweddau (JPEG, PNG, TIFF, WebP, GIF neu HEIC).",
    },
    "damaged": {
        "en": "We couldn't read this picture: the file seems to be damaged or incomplete. "
              "Please try uploading it again from the original.",
        "cy": "Doedd dim modd darllen y llun hwn: mae'n ymddangos bod y ffeil wedi'i difrodi neu'n anghyflawn. "
              "Rhowch gynnig arall arni o'r gwreiddiol.",
    },
    "too_large": {
        "en": "This picture is too big for the archive to handle ({detail}). Please upload a smaller version.",
        "cy": "Mae'r llun hwn yn rhy fawr i'r archif ({detail}). Llwythwch fersiwn llai.",
    },
    "missing_file": {
        "en": "The uploaded file has gone missing from storage. Please tell a curator.",
        "cy": "Mae'r ffeil a lwythwyd ar goll o'r storfa. Rhowch wybod i guradur.",
    },
    "internal": {
        "en": "Something went wrong on our side while processing this picture. A curator can try again.",
        "cy": "Aeth rhywbeth o'i le ar ein hochr ni wrth brosesu'r llun hwn. Gall curadur roi cynnig arall arni.",
    },
}


def reason_text(code: str, params: dict | None = None, language: str = "en") -> str:
    """The message for a failure ``code`` in ``language``; unknown codes fall back to 'internal'."""
    params = dict(params or {})
    kind = params.get("kind")
    params.setdefault("kind_en", f" (it looks like {kind})" if kind else "")
    params.setdefault("kind_cy", f" (mae'n edrych fel {kind})" if kind else "")
    params.setdefault("detail", "")
    templates = REASONS.get(code) or REASONS["internal"]
    template = templates.get(language) or templates["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return templates["en"].format(kind_en="", kind_cy="", detail="")
