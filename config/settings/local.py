"""Local and demo settings: the embedded default (SQLite, local files, filesystem broker)."""
from config.local_secrets import demo_password, secret_key

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, VAR_DIR, env

# The village-hall default may be opened to the hall's network: no tracebacks, settings or URL lists for
# anyone there. COFIO_DEBUG=1 turns Django's debug pages on, on a developer's own machine.
DEBUG = env.bool("COFIO_DEBUG", default=False)
# SECRET_KEY from the environment, else one made on the first run and kept in var/secret_key (0600).
SECRET_KEY = secret_key(VAR_DIR, SECRET_KEY)
# The demo accounts' password (seed_demo sets it, bin/demo.py prints it): COFIO_DEMO_PASSWORD, else one
# made on the first run and kept in var/demo_password (0600).
COFIO_DEMO_PASSWORD = demo_password(VAR_DIR)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The cache, shared by all the demo's processes (two web workers, the Celery worker) with no server to run:
# files under var/cache/, so that the rate limits and sign-in limits count each client once, not once in
# each process as local memory (base.py's default) would. Not Django's database cache: SQLite lets one
# process write at a time, so every count would queue behind uploads and ingests (or fail with "database
# is locked"), and it needs `manage.py createcachetable` first. Room for 10,000 entries (manifests, counts)
# before Django clears a third of them. CACHE_URL (e.g. redis://…) still chooses another cache.
# https://docs.djangoproject.com/en/5.2/topics/cache/#filesystem-caching
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)
