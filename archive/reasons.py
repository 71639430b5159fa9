"""Why an item failed, and hints about it, in words a villager can understand, in Welsh and English.

Items store a reason code and its parameters; the words are chosen when shown,
in the reader's language. Parameters are plain values (numbers, accession
numbers, codes); a parameter ``x_en``/``x_cy`` pair is shown as ``{x}`` in that
language, and ``kind`` is a code from KINDS (older rows hold English words there,
which are shown as they are).
"""
REASONS = {
    "not_an_image": {
        "en": "This file doesn't look like a photo or a scan{kind_en}. Please upload photos or scans as images "
              "(JPEG, PNG, TIFF, WebP, GIF or HEIC).",
        "cy": "Dydy'r ffeil hon ddim yn edrych fel llun neu sgan{kind_cy}. Llwythwch luniau neu sganiau fel "
              "delweddau (JPEG, PNG, TIFF, WebP, GIF neu HEIC).",
    },
    "unsupported_image": {
        "en": "The archive can't take this kind of picture yet{kind_en}. Please save it as JPEG, PNG or TIFF "
              "and upload it again.",
        "cy": "Ni all yr archif dderbyn y math hwn o lun eto{kind_cy}. Cadwch ef fel JPEG, PNG neu TIFF a'i "
              "lwytho eto.",
    },
    "empty": {
        "en": "This file is empty: there is nothing in it to show. Please upload it again.",
        "cy": "Mae'r ffeil hon yn wag: does dim byd ynddi i'w ddangos. Llwythwch hi eto.",
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
    "bad_dimensions": {
        "en": "This picture's shape is too unusual to show ({width} × {height} pixels). Please check the file, "
              "or upload it again from the original.",
        "cy": "Mae siâp y llun hwn yn rhy anarferol i'w ddangos ({width} × {height} picsel). Gwiriwch y ffeil, "
              "neu ei llwytho eto o'r gwreiddiol.",
    },
    "metadata_too_large": {
        "en": "This file carries far more hidden information (metadata) than a photo should ({megabytes} MB), "
              "so the archive won't process it. Please open the picture in a photo app, save a copy and "
              "upload that.",
        "cy": "Mae'r ffeil hon yn cario llawer mwy o wybodaeth gudd (metadata) nag y dylai llun ({megabytes} MB), "
              "felly ni fydd yr archif yn ei phrosesu. Agorwch y llun mewn ap lluniau, cadwch gopi a llwythwch "
              "hwnnw.",
    },
    "hidden_content": {
        "en": "This picture has another file hidden inside it{kind_en}. To keep the archive safe we don't take "
              "files like this. Please open the picture in a photo app, save a copy and upload that.",
        "cy": "Mae ffeil arall wedi'i chuddio y tu mewn i'r llun hwn{kind_cy}. Er mwyn cadw'r archif yn ddiogel "
              "dydyn ni ddim yn derbyn ffeiliau fel hyn. Agorwch y llun mewn ap lluniau, cadwch gopi a "
              "llwythwch hwnnw.",
    },
    "duplicate": {
        "en": "This photo is already in the archive as {accession_number}. There is no need to upload it again.",
        "cy": "Mae'r llun hwn yn yr archif yn barod fel {accession_number}. Does dim angen ei lwytho eto.",
    },
    # The same, when the item that holds the photo is one the uploader may not see: it is not named.
    "duplicate_unnamed": {
        "en": "This photo is already in the archive. There is no need to upload it again.",
        "cy": "Mae'r llun hwn yn yr archif yn barod. Does dim angen ei lwytho eto.",
    },
    "fixity_mismatch": {
        "en": "The stored copy of this file doesn't match what was uploaded. Please tell a curator.",
        "cy": "Dydy'r copi o'r ffeil hon sydd yn y storfa ddim yn cyfateb i'r hyn a lwythwyd. "
              "Rhowch wybod i guradur.",
    },
    "missing_file": {
        "en": "The uploaded file has gone missing from storage. Please tell a curator.",
        "cy": "Mae'r ffeil a lwythwyd ar goll o'r storfa. Rhowch wybod i guradur.",
    },
    "too_slow": {
        "en": "Processing this picture took too long and was stopped. A curator can try again.",
        "cy": "Cymerodd prosesu'r llun hwn ormod o amser a chafodd ei atal. Gall curadur roi cynnig arall arni.",
    },
    "keeps_crashing": {
        "en": "Processing this picture stopped the worker {attempts} times, so it has been set aside. "
              "A curator can look at it and try again.",
        "cy": "Fe wnaeth prosesu'r llun hwn atal y gweithiwr {attempts} gwaith, felly mae wedi'i roi o'r neilltu. "
              "Gall curadur edrych arno a rhoi cynnig arall arni.",
    },
    "internal": {
        "en": "Something went wrong on our side while processing this picture. A curator can try again.",
        "cy": "Aeth rhywbeth o'i le ar ein hochr ni wrth brosesu'r llun hwn. Gall curadur roi cynnig arall arni.",
    },
}

# What a refused file looks like, for the messages above: code → words.
KINDS = {
    "pdf": {"en": "a PDF document", "cy": "dogfen PDF"},
    "zip": {"en": "a zip archive", "cy": "archif zip"},
    "archive": {"en": "a compressed archive", "cy": "archif wedi'i chywasgu"},
    "svg": {"en": "an SVG drawing", "cy": "llun SVG"},
    "html": {"en": "a web page", "cy": "tudalen we"},
    "xml": {"en": "an XML file", "cy": "ffeil XML"},
    "text": {"en": "a text file", "cy": "ffeil destun"},
    "office": {"en": "an Office document", "cy": "dogfen Office"},
    "video": {"en": "a video", "cy": "fideo"},
    "audio": {"en": "a sound recording", "cy": "recordiad sain"},
    "program": {"en": "a computer program", "cy": "rhaglen gyfrifiadur"},
    "bmp": {"en": "a BMP image", "cy": "delwedd BMP"},
    "psd": {"en": "a Photoshop file", "cy": "ffeil Photoshop"},
    "avif": {"en": "an AVIF image", "cy": "delwedd AVIF"},
    "jpeg2000": {"en": "a JPEG 2000 image", "cy": "delwedd JPEG 2000"},
    "raw": {"en": "a camera raw file", "cy": "ffeil crai camera"},
    "icon": {"en": "an icon", "cy": "eicon"},
}

# Hints shown with an item that is ready but may need a person's eye.
HINTS = {
    "near_duplicate": {
        "en": "This may already be in the archive as {accession_number}.",
        "cy": "Efallai fod hwn yn yr archif yn barod fel {accession_number}.",
    },
    "date_taken": {
        "en": "The camera recorded this photo as taken on {date}.",
        "cy": "Cofnododd y camera i'r llun hwn gael ei dynnu ar {date}.",
    },
    "place_nearby": {
        "en": "The photo's location is near {place}.",
        "cy": "Mae lleoliad y llun yn agos at {place}.",
    },
}


def kind_words(kind: str | None, language: str = "en") -> str:
    """Words for a KINDS code in ``language`` ('' for none; unknown codes are shown as they are)."""
    if not kind:
        return ""
    words = KINDS.get(kind)
    if words is None:
        return str(kind)
    return words.get(language) or words["en"]


def _localised(params: dict | None, language: str) -> dict:
    """Parameters for a template: ``x_<language>`` shown as ``{x}``, kinds in words."""
    params = dict(params or {})
    for key, value in list(params.items()):
        if key.endswith(f"_{language}"):
            params[key[: -len(language) - 1]] = value
        elif key.endswith("_en"):
            params.setdefault(key[:-3], value)
    kind = params.get("kind")
    params.setdefault("kind_en", f" (it looks like {kind_words(kind, 'en')})" if kind else "")
    params.setdefault("kind_cy", f" (mae'n edrych fel {kind_words(kind, 'cy')})" if kind else "")
    params.setdefault("detail", "")
    return params


def _render(templates: dict, params: dict | None, language: str) -> str:
    template = templates.get(language) or templates["en"]
    try:
        return template.format(**_localised(params, language))
    except (KeyError, IndexError, ValueError):
        return templates["en"].format_map(_Blank())


class _Blank(dict):
    def __missing__(self, key):
        return ""


def reason_text(code: str, params: dict | None = None, language: str = "en") -> str:
    """The message for a failure ``code`` in ``language``; unknown codes fall back to 'internal'."""
    return _render(REASONS.get(code) or REASONS["internal"], params, language)


def hint_text(code: str, params: dict | None = None, language: str = "en") -> str:
    """The words of a hint (HINTS) in ``language``; '' for an unknown code."""
    templates = HINTS.get(code)
    return _render(templates, params, language) if templates else ""
