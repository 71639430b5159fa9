"""Generated sample data for the demo: photos drawn with Pillow, Welsh and English captions.

Nothing is downloaded: every picture is drawn here, deterministically from a seed.
"""
import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageOps

PLACES = [
    # (Welsh, English, variants, latitude, longitude)
    ("Troedrhiwfuwch", "Troedrhiwfuwch", ["Troed-rhiw-fuwch", "Troedrhiw"], 51.7347, -3.2671),
    ("Rhymni", "Rhymney", ["Rhumney"], 51.7590, -3.2836),
    ("Tredegar", "Tredegar", [], 51.7722, -3.2478),
    ("Bargod", "Bargoed", [], 51.6925, -3.2300),
    ("Pontlotyn", "Pontlottyn", [], 51.7450, -3.2781),
    ("Cwm Rhymni", "Rhymney Valley", ["Rhymni Valley"], 51.7000, -3.2500),
]
SUBJECTS = [
    ("glofa", "Glofa", "Colliery"), ("capel", "Capel", "Chapel"), ("cor", "Côr", "Choir"),
    ("ysgol", "Ysgol", "School"), ("cofeb-ryfel", "Cofeb ryfel", "War memorial"),
    ("rheilffordd", "Rheilffordd", "Railway"), ("teulu", "Teulu", "Family"), ("carnifal", "Carnifal", "Carnival"),
]
PEOPLE = ["Mam-gu (Elinor Jones)", "Dai 'Bach' Evans", "Gwilym Price", "Megan Lewis", "Rhys Morgan",
          "Nansi Thomas", "Idris Davies", "Olwen Williams", "Tomos Rees", "Ceridwen Hughes"]
SCENES = [
    ("Côr y pentref y tu allan i Gapel Bethel", "The village choir outside Bethel Chapel", "cor", "capel"),
    ("Glowyr yn gadael y shifft ddydd", "Miners leaving the day shift", "glofa", None),
    ("Plant Ysgol Troedrhiwfuwch yn yr iard", "Troedrhiwfuwch School children in the yard", "ysgol", None),
    ("Dadorchuddio'r gofeb ryfel", "Unveiling the war memorial", "cofeb-ryfel", None),
    ("Trên olaf y cwm yn pasio'r pentref", "The valley's last train passing the village", "rheilffordd", None),
    ("Carnifal y pentref, y band jazz", "Village carnival, the jazz band", "carnifal", None),
    ("Teulu'r Evansiaid ar stepen y drws", "The Evans family on the doorstep", "teulu", None),
    ("Y rhes o dai cyn eu dymchwel", "The terrace before it was demolished", None, None),
]
DATES = ["1947", "summer 1947", "c. 1950s", "1914-1918", "early 1960s", "haf 1952", "May 1936", "1920au",
         "12 Mai 1951", "late 1930s", "c. 1925", "when Dad was young", "Gaeaf 1962", "1940s or 1950s"]
MEMORIES = [
    ("cy", "Dwi'n cofio'r diwrnod yna'n iawn — roedd hi'n bwrw glaw a phawb yn canu beth bynnag."),
    ("en", "My father is third from the left; he worked underground for forty years."),
    ("cy", "Roedd Mam-gu'n arfer dweud mai hwn oedd haf gorau ei bywyd."),
    ("en", "We used to slide down that bank on tin trays every winter."),
]

# The demo's story trail: a walk round the village, one stop per scene (index into the sample photos),
# each with its narrative, a location and the way to the next stop, in Welsh and English.
TRAIL = {
    "title": {"cy": "Cerdded y pentref", "en": "Walking the village"},
    "introduction": {
        "cy": "Taith fer o gwmpas Troedrhiwfuwch fel yr oedd: y capel, y lofa, yr ysgol a'r gofeb. "
              "Dim ond dau dŷ a'r gofeb ryfel sydd ar ôl heddiw; mae'r lluniau a'r atgofion yn dangos y gweddill.",
        "en": "A short walk round Troedrhiwfuwch as it was: the chapel, the pit, the school and the memorial. "
              "Only two houses and the war memorial are left today; the photos and memories show the rest.",
    },
    "stops": [
        # (photo index, narrative cy, narrative en, latitude, longitude, directions cy, directions en)
        (0, "Safai Capel Bethel yma, wrth waelod y rhes. Canai'r côr ar y grisiau bob Sulgwyn.",
         "Bethel Chapel stood here, at the foot of the terrace. The choir sang on its steps every Whitsun.",
         51.7352, -3.2676, "Cerddwch i lawr y lôn tuag at yr afon, tua 200 metr.",
         "Walk down the lane towards the river, about 200 metres."),
        (1, "Dyma lle roedd y glowyr yn dod allan ar ddiwedd y shifft ddydd, yn ddu o'r pwll.",
         "This is where the miners came out at the end of the day shift, black from the pit.",
         51.7336, -3.2665, "Trowch yn ôl i fyny'r bryn at yr hen iard ysgol.",
         "Turn back up the hill to the old school yard."),
        (2, "Roedd iard yr ysgol yn llawn bob bore; mae rhai o'r plant yn y llun yn dal i fyw yn y cwm.",
         "The school yard was full every morning; some of the children in the photo still live in the valley.",
         51.7348, -3.2649, "Dilynwch y ffordd at y gofeb, sydd i'w gweld o'r fan hon.",
         "Follow the road to the memorial, which you can see from here."),
        (3, "Dadorchuddiwyd y gofeb ryfel gan y pentref cyfan. Mae hi yma o hyd: darllenwch yr enwau.",
         "The whole village came to unveil the war memorial. It is still here: read the names.", 51.7361, -3.2640, "", ""),
    ],
}


@dataclass
class SamplePhoto:
    """One generated photo and what is said about it."""

    filename: str
    content: bytes
    caption: str
    language: str
    date_text: str
    place: tuple
    people: list
    subjects: list
    memory: tuple | None


def draw_photo(rng: random.Random, width: int = 1200, height: int = 800) -> Image.Image:
    """Draw a sepia 'old photograph' of a valley: sky, hills, a terrace of houses, a chapel."""
    image = Image.new("RGB", (width, height), (200, 205, 210))
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # sky gradient
        shade = 235 - y * 60 // (height // 2)
        draw.line([(0, y), (width, y)], fill=(shade, shade, shade + 5))
    for layer in range(3):  # hills
        base = height // 2 + layer * 60
        points = [(0, height)] + [(x, base - int(rng.random() * 120)) for x in range(0, width + 100, 100)]
        tone = 120 - layer * 30
        draw.polygon(points + [(width, height)], fill=(tone, tone + 10, tone))
    x, roof = rng.randint(20, 120), height * 2 // 3
    while x < width - 80:  # a terrace
        w = rng.randint(70, 110)
        draw.rectangle([x, roof, x + w, height - 60], fill=(90, 80, 75), outline=(40, 35, 30))
        draw.polygon([(x, roof), (x + w // 2, roof - 30), (x + w, roof)], fill=(60, 55, 55))
        draw.rectangle([x + w // 3, height - 110, x + w // 3 + 18, height - 60], fill=(30, 25, 20))
        x += w + rng.randint(0, 6)
    cx = rng.randint(100, width - 300)  # a chapel
    draw.rectangle([cx, roof - 120, cx + 180, height - 60], fill=(150, 140, 130), outline=(50, 45, 40))
    draw.polygon([(cx - 10, roof - 120), (cx + 90, roof - 190), (cx + 190, roof - 120)], fill=(80, 70, 70))
    for _ in range(rng.randint(3, 9)):  # figures
        px = rng.randint(0, width - 20)
        draw.ellipse([px, height - 95, px + 14, height - 81], fill=(30, 30, 30))
        draw.rectangle([px + 2, height - 81, px + 12, height - 45], fill=(35, 35, 40))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return ImageOps.colorize(ImageOps.grayscale(image), black=(40, 28, 18), white=(245, 232, 205))


def sample_photos(count: int = 36, seed: int = 1947) -> list[SamplePhoto]:
    """``count`` generated photos with captions, dates, places, people and subjects (deterministic)."""
    rng = random.Random(seed)
    photos = []
    for n in range(count):
        scene = SCENES[n % len(SCENES)]
        language = "cy" if n % 2 == 0 else "en"
        buffer = io.BytesIO()
        draw_photo(rng).save(buffer, "JPEG", quality=82)
        photos.append(SamplePhoto(
            filename=f"llun-{n + 1:03d}.jpg",
            content=buffer.getvalue(),
            caption=scene[0] if language == "cy" else scene[1],
            language=language,
            date_text=DATES[n % len(DATES)],
            place=PLACES[n % len(PLACES)],
            people=rng.sample(PEOPLE, rng.randint(0, 3)),
            subjects=[s for s in scene[2:] if s],
            memory=MEMORIES[n % len(MEMORIES)] if n % 3 == 0 else None,
        ))
    return photos
