"""manage.py seed_demo: the demo's accounts and a few dozen generated photos (idempotent)."""
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.licences import LICENCES
from archive.models import Description, Item, Place, Subject, User
from archive.sample_data import PLACES, SUBJECTS, TRAIL, sample_photos
from archive.services import Contribution, description_create, item_create, person_resolve
from archive.services.trails import stop_add, trail_author_invite, trail_create, trail_publish
from config.local_secrets import PUBLISHED_DEMO_PASSWORD

ACCOUNTS = [
    # username, role, display name, staff (may use the Django admin), trusted (contributions approved at once)
    ("curator", User.Role.CURATOR, "Curadur y Pentref", True, True),
    ("villager", User.Role.MEMBER, "Megan Evans", False, True),
    ("newcomer", User.Role.MEMBER, "Dai Newydd", False, False),  # what they add waits for a curator
]
# Words the newcomer adds to a few items (they wait in the moderation queue), and words the curator wrote
# down for villagers at a memory day (told by the teller, written down by the curator).
NEWCOMER_WORDS = [
    ("en", "I think the man on the right is my great-uncle Wil, who kept the shop on Station Road."),
    ("cy", "Dyma'r flwyddyn y symudodd fy nheulu i'r pentref."),
]
MEMORY_DAY_WORDS = [
    ("Nansi Thomas", "cy", "Ro'n i'n saith oed. Roedd y band yn chwarae mor uchel nes i'r ci guddio dan y bwrdd."),
    ("Idris Davies", "en", "We walked up from Pontlottyn for this, every one of us in our Sunday best."),
]


class Command(BaseCommand):
    """Create the demo accounts (password: settings.COFIO_DEMO_PASSWORD) and sample items. Refused in production.

    Local settings give each installation its own demo password (config/local_secrets.py). Accounts made
    by an older demo with the once-published ``cofio-demo`` are moved to it; a password a member chose
    themselves is left alone.
    """

    help = __doc__

    def add_arguments(self, parser):
        """--photos N: how many sample photos (default 36)."""
        parser.add_argument("--photos", type=int, default=36)

    def handle(self, *args, **options):
        """Seed once; running it again changes nothing."""
        if getattr(settings, "COFIO_REFUSE_DEMO_PASSWORD", False):
            raise CommandError("The demo's accounts and shared password are refused in production settings.")
        if not settings.COFIO_DEMO_PASSWORD:
            raise CommandError("No demo password: set COFIO_DEMO_PASSWORD (local settings make one in var/).")
        accounts = self._accounts()
        if Item.objects.filter(contributor__in=accounts.values()).exists():
            self.stdout.write("Sample items are already there; nothing to do.")
            return
        self._vocabulary()
        items = self._items(accounts, options["photos"])
        self._trail(accounts, items)
        count = len(items)
        self.stdout.write(self.style.SUCCESS(f"Added {count} sample items; the worker is processing them."))

    def _accounts(self) -> dict:
        accounts = {}
        for username, role, name, staff, trusted in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"role": role, "display_name": name, "is_staff": staff,
                                             "trusted": trusted, "email": f"{username}@example.org"})
            password = settings.COFIO_DEMO_PASSWORD
            if created:
                user.set_password(password)
                if staff:
                    user.is_superuser = True
                user.save()
            elif password != PUBLISHED_DEMO_PASSWORD and user.check_password(PUBLISHED_DEMO_PASSWORD):
                # Made by an older demo with the password once published in the README: this installation's now.
                user.set_password(password)
                user.save(update_fields=["password"])
            # A demo made before accounts were trusted or had an email address.
            if not created and (user.trusted != trusted or not user.email):
                user.trusted, user.email = trusted, user.email or f"{username}@example.org"
                user.save(update_fields=["trusted", "email"])
            accounts[username] = user
        return accounts

    def _vocabulary(self) -> None:
        for name_cy, name_en, variants, lat, lon in PLACES:
            Place.objects.get_or_create(name_en=name_en, defaults={"name_cy": name_cy, "variants": variants,
                                                                   "latitude": lat, "longitude": lon})
        for slug, label_cy, label_en in SUBJECTS:
            Subject.objects.get_or_create(slug=slug, defaults={"label_cy": label_cy, "label_en": label_en})

    @transaction.atomic
    def _items(self, accounts: dict, count: int) -> list[Item]:
        items = []
        licences = [LICENCES[0].uri, LICENCES[1].uri, LICENCES[2].uri]
        for n, photo in enumerate(sample_photos(count)):
            contributor = accounts["villager"] if n % 4 else accounts["curator"]
            contribution = Contribution(
                licence=licences[n % len(licences)], consent=True, caption=photo.caption,
                language=photo.language, date_text=photo.date_text,
                place=Place.objects.get(name_en=photo.place[1]),
                people=[person_resolve(name) for name in photo.people],
                subjects=list(Subject.objects.filter(slug__in=photo.subjects)),
            )
            upload = SimpleUploadedFile(photo.filename, photo.content, content_type="image/jpeg")
            item = item_create(contributor=contributor, upload=upload, contribution=contribution)
            items.append(item)
            if photo.memory:
                language, text = photo.memory
                description_create(item, accounts["villager"], text, Description.Kind.MEMORY, language)
            if n % 9 == 1:
                language, text = NEWCOMER_WORDS[(n // 9) % len(NEWCOMER_WORDS)]
                description_create(item, accounts["newcomer"], text, Description.Kind.MEMORY, language)
            if n % 9 == 4:
                teller, language, text = MEMORY_DAY_WORDS[(n // 9) % len(MEMORY_DAY_WORDS)]
                description_create(item, accounts["curator"], text, Description.Kind.MEMORY, language,
                                   teller_name=teller)
        return items

    @transaction.atomic
    def _trail(self, accounts: dict, items: list[Item]) -> None:
        """A published story trail by the curator, with the villager as co-author (its stops show once
        the worker has processed their pictures)."""
        stops = [stop for stop in TRAIL["stops"] if stop[0] < len(items)]
        if not stops:
            return
        curator = accounts["curator"]
        trail = trail_create(curator, title=TRAIL["title"], introduction=TRAIL["introduction"],
                             cover_item=items[stops[0][0]])
        trail_author_invite(trail, curator, accounts["villager"])
        for index, narrative_cy, narrative_en, lat, lon, directions_cy, directions_en in stops:
            stop_add(trail, curator, item=items[index], narrative={"cy": narrative_cy, "en": narrative_en},
                     lat=lat, lon=lon, directions={"cy": directions_cy, "en": directions_en})
        trail_publish(trail, curator)
