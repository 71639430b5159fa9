"""Settings shared by every environment.

Everything that differs between a village-hall laptop and a county cluster is
read from environment variables (django-environ); see README.md for the list.
https://docs.djangoproject.com/en/5.2/ref/settings/
"""
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime state of the embedded default (SQLite, media, broker folders, search node).
VAR_DIR = Path(environ.Env().str("COFIO_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "allauth",  # joining (signup with an invite code): https://docs.allauth.org/en/latest/installation/quickstart.html
    "allauth.account",
    "archive",
    "archive.search",
    "archive.iiif",
    "api",
    "ingest",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Too many parameters or files in one request: a 400 saying which limit (config/request_limits.py).
    "config.request_limits.RequestLimitsMiddleware",
    # A NUL character (which the database cannot store) in a parameter: a 400 naming it (config/request_text.py).
    "config.request_text.NulCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer (see "Security headers" below).
    "csp.middleware.CSPMiddleware",
    "config.headers.PermissionsPolicyMiddleware",
    # Records who made each change in the item and description histories.
    # https://django-simple-history.readthedocs.io/en/latest/quick_start.html
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# DATABASE_URL, e.g. postgres://user:pass@host:5432/cofio; SQLite by default.
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cofio.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while the worker writes (one file, two processes).
    # https://docs.djangoproject.com/en/5.2/ref/databases/#database-is-locked-errors
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "archive.User"

AUTHENTICATION_BACKENDS = [
    # First: refuses, before any password is checked, while the account or address is over its sign-in
    # limit (COFIO_RATE_LOGIN_ACCOUNT, COFIO_RATE_LOGIN_ADDRESS below).
    "archive.services.sign_in_limits.SignInLimitBackend",
    "django.contrib.auth.backends.ModelBackend",  # the sign-in page, the admin and API tokens
    "allauth.account.auth_backends.AuthenticationBackend",  # signing in straight after joining
]

# --- Joining (django-allauth; its signup and password change are used: the sign-in page is Django's own)
# https://docs.allauth.org/en/latest/account/configuration.html
# Email is optional (many older villagers have none), so it is never verified nor used to sign in.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# Changing one's password is allauth's page too (/accounts/password/change/), with Cofio's form.
ACCOUNT_FORMS = {"signup": "frontend.accounts.SignupForm", "change_password": "frontend.accounts.ChangePasswordForm"}
ACCOUNT_ADAPTER = "frontend.accounts.AccountAdapter"
ACCOUNT_SIGNUP_REDIRECT_URL = "frontend:joined"
ACCOUNT_USERNAME_MIN_LENGTH = 3
LOGIN_URL = "frontend:login"
LOGIN_REDIRECT_URL = "frontend:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Welsh and English are equal: both are offered everywhere, Welsh listed first.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [("cy", "Cymraeg"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "frontend" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads bigger than this are spooled to a temporary file rather than held in memory.
# https://docs.djangoproject.com/en/5.2/ref/settings/#file-upload-max-memory-size
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# The cache also counts contributions and failed sign-ins for the rate limits (COFIO_RATE_*). Local memory
# is per process: in production (several gunicorn workers, several hosts) point CACHE_URL at Redis, e.g.
# redis://redis:6379/1 (docker/compose.yaml does), or each process counts on its own. The embedded default
# (local settings) keeps it in files under var/cache/, shared by the demo's processes.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Cofio's own limits ---------------------------------------------------
# Password guessing: failed sign-ins (the sign-in page, the admin's, the API's token endpoint) are counted
# per account (the username tried) and per address; over either limit the password is not checked and the
# answer is 429 with Retry-After until the oldest counted failure is older than the period. Only failures
# count; a success clears its account's count (not its address's). "<number>/<period>", the period
# optionally with a multiple: "5/15m", "20/15min", "10/hour". Counted in the cache (CACHE_URL) like DRF's
# throttles; how: archive/services/sign_in_limits.py; why:
# https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling
COFIO_RATE_LOGIN_ACCOUNT = env.str("COFIO_RATE_LOGIN_ACCOUNT", default="5/15m")
COFIO_RATE_LOGIN_ADDRESS = env.str("COFIO_RATE_LOGIN_ADDRESS", default="20/15m")
COFIO_MAX_UPLOAD_BYTES = env.int("COFIO_MAX_UPLOAD_BYTES", default=100 * 1024 * 1024)
COFIO_MAX_UPLOAD_FILES = env.int("COFIO_MAX_UPLOAD_FILES", default=50)
COFIO_ACCESSION_PREFIX = env.str("COFIO_ACCESSION_PREFIX", default="COF")
COFIO_ARCHIVE_NAME = env.str("COFIO_ARCHIVE_NAME", default="Cofio")
# The demo accounts' password (manage.py seed_demo). Local settings set this installation's own
# (COFIO_DEMO_PASSWORD, else made on the first run: config/local_secrets.py); production refuses any
# account that still uses a demo password (archive/checks.py, archive/validators.py).
COFIO_DEMO_PASSWORD = ""
# Django rejects request bodies above this size before any view runs; keep it above
# the whole batch so that our own, clearer messages about single files are shown.
# https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-memory-size
DATA_UPLOAD_MAX_NUMBER_FILES = COFIO_MAX_UPLOAD_FILES + 10

# --- Celery ---------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")


def broker_transport_options(broker_url: str) -> dict:
    """kombu transport options for ``broker_url`` (production settings call this again with their own URL).

    filesystem: a broker with no server, for the village-hall default.
    https://docs.celeryq.dev/projects/kombu/en/stable/reference/kombu.transport.filesystem.html
    redis: with acks_late, Redis redelivers unacknowledged tasks once CELERY_VISIBILITY_TIMEOUT has passed;
    it looks for them every 10 s (kombu's default scans only about every 100 s).
    https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html#visibility-timeout
    """
    if broker_url.startswith("filesystem"):
        queue_dir = VAR_DIR / "broker" / "queue"
        # The worker looks for new files 10 times a second (kombu's default, once a second, made each
        # upload and each search update wait a second or more in the village-hall default).
        return {"data_folder_in": str(queue_dir), "data_folder_out": str(queue_dir),
                "control_folder": str(VAR_DIR / "broker" / "control"), "store_processed": False,
                "polling_interval": 0.1}
    if broker_url.startswith("redis"):
        return {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
                "unacked_restore_interval": 10, "unacked_restore_throttle": 1}
    return {}


CELERY_BROKER_TRANSPORT_OPTIONS = broker_transport_options(CELERY_BROKER_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Redeliver a task whose worker died mid-way; tasks are idempotent, so this is safe.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html#task-acks-late
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Search ---------------------------------------------------------------
SEARCH_URL = env.str("SEARCH_URL", default="")
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="opensearch")

# --- REST framework -------------------------------------------------------
REST_FRAMEWORK = {
    # Contributions (uploads, descriptions, region tags) and takedown requests are rate-limited per
    # account (per IP address for visitors) by api.throttles.ContributionThrottle, DRF's ScopedRateThrottle:
    # "<number>/<second|minute|hour|day>". A caller over the limit gets 429 with a plain message.
    # https://www.django-rest-framework.org/api-guide/throttling/#scopedratethrottle
    "DEFAULT_THROTTLE_RATES": {
        "contribute": env.str("COFIO_RATE_CONTRIBUTE", default="60/hour"),
        "takedown": env.str("COFIO_RATE_TAKEDOWN", default="10/hour"),
    },
    # Whose address the rate limits (these and the sign-in limits) count: how many proxies in front of Cofio
    # append to X-Forwarded-For. 0: the connection's own address, as a client can write the header itself
    # (and would then count as anyone it liked); production settings say 1, for docker/nginx.conf.
    # https://www.django-rest-framework.org/api-guide/throttling/#how-clients-are-identified
    "NUM_PROXIES": env.int("COFIO_TRUSTED_PROXIES", default=0),
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # A service's ValidationError (naming the field) becomes a 400, in every view.
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    # drf-spectacular's, with the error answers (400, 401, 403, 404, 429) each operation can give.
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cofio API",
    "DESCRIPTION": "Contribute to, and read from, a community heritage archive.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Serve Swagger UI from our own static files: the archive must work offline.
    # https://drf-spectacular.readthedocs.io/en/latest/settings.html#django-rest-framework-settings
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for each choice set that several components share.
    "ENUM_NAME_OVERRIDES": {
        "DescriptionKindEnum": "archive.models.items.Description.Kind",
        "DescriptionLanguageEnum": "archive.models.items.LANGUAGES",
    },
}

# --- Security headers -----------------------------------------------------------
# Content-Security-Policy (django-csp 4): every page takes scripts, styles, fonts, pictures and data
# from Cofio itself only; no inline scripts or styles (Cofio's templates have none), no plugins, no
# framing by other sites, forms post only here. The deep-zoom viewer (OpenSeadragon under
# /static/vendor/openseadragon/) draws tiles from /iiif/3/… on the same origin, so it needs nothing more
# (no data: or blob: URLs). Inline code that cannot be avoided (only in other projects' pages: DRF's
# browsable API, the API docs) carries the request's nonce ({{ request.csp_nonce }}; the header names a
# nonce only on the pages that use one). Pages that need more say so with django-csp's decorators (the
# API docs: api/urls.py). tests/frontend/test_csp_browser.py checks each kind of page in Chromium.
# https://django-csp.readthedocs.io/en/latest/configuration.html
# COFIO_CSP_IMG_SOURCES: more places pictures may come from, comma-separated origins, e.g. a map's tile
# server: COFIO_CSP_IMG_SOURCES=https://tile.openstreetmap.org
from csp.constants import NONCE, NONE, SELF  # noqa: E402  (django-csp's names for the policy's keywords)

COFIO_CSP_IMG_SOURCES = env.list("COFIO_CSP_IMG_SOURCES", default=[])
# Maps (a trail's route): the tile server's URL template, in Leaflet's form, and the credit its licence
# asks for, e.g. COFIO_MAP_TILES_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png with
# COFIO_MAP_ATTRIBUTION="© OpenStreetMap contributors" (https://operations.osmfoundation.org/policies/tiles/;
# a busy archive should run or rent its own). Empty (the default, and the village hall with no internet):
# the route is drawn on a plain background. The tile server's origin is added to the pictures' sources
# below; "{s}" (sub-domains) becomes "*". https://leafletjs.com/reference.html#tilelayer
COFIO_MAP_TILES_URL = env.str("COFIO_MAP_TILES_URL", default="")
COFIO_MAP_ATTRIBUTION = env.str("COFIO_MAP_ATTRIBUTION", default="")
if COFIO_MAP_TILES_URL:
    from urllib.parse import urlsplit  # noqa: E402

    _tiles = urlsplit(COFIO_MAP_TILES_URL.replace("{s}", "*"))
    COFIO_CSP_IMG_SOURCES = [*COFIO_CSP_IMG_SOURCES, f"{_tiles.scheme}://{_tiles.netloc}"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # OpenSeadragon 6.1.1 (frontend/package.json) adds one <style> element of its own, allowed by its hash.
        "style-src": [SELF, NONCE, "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='"],
        # The one inline style attribute of DRF's browsable API (its "Extra Actions" menu), by its hash.
        "style-src-attr": ["'unsafe-hashes'", "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='"],
        "img-src": [SELF, *COFIO_CSP_IMG_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (config/headers.py): no page may use these browser features, but full screen
# (the deep-zoom viewer's button). A view that needs one allows it for itself alone, e.g. a walking
# trail's page: @permissions_policy(geolocation=["self"]).
# https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy
PERMISSIONS_POLICY = {
    "accelerometer": [], "autoplay": [], "browsing-topics": [], "camera": [],
    "display-capture": [], "encrypted-media": [], "fullscreen": ["self"], "geolocation": [], "gyroscope": [],
    "hid": [], "idle-detection": [], "magnetometer": [], "microphone": [], "midi": [], "payment": [],
    "picture-in-picture": [], "publickey-credentials-get": [], "screen-wake-lock": [], "serial": [],
    "usb": [], "xr-spatial-tracking": [],
}
# Django's own (SecurityMiddleware, XFrameOptionsMiddleware) stay as they are: X-Content-Type-Options: nosniff,
# Referrer-Policy: same-origin, Cross-Origin-Opener-Policy: same-origin, X-Frame-Options: DENY.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Images above this many pixels are refused as possible decompression bombs.
# https://pillow.readthedocs.io/en/stable/reference/Image.html#PIL.Image.open
COFIO_MAX_PIXELS = env.int("COFIO_MAX_PIXELS", default=200_000_000)

# --- Ingest (the pipeline run by the Celery workers) --------------------------
# A worker refuses files above these limits, checked from the headers before anything
# is decoded (COFIO_MAX_PIXELS, above, is the pixel limit).
COFIO_MAX_INGEST_BYTES = env.int("COFIO_MAX_INGEST_BYTES", default=COFIO_MAX_UPLOAD_BYTES)
COFIO_MAX_IMAGE_SIDE = env.int("COFIO_MAX_IMAGE_SIDE", default=65_500)
COFIO_MAX_ASPECT_RATIO = env.float("COFIO_MAX_ASPECT_RATIO", default=50.0)
COFIO_MAX_METADATA_BYTES = env.int("COFIO_MAX_METADATA_BYTES", default=4 * 1024 * 1024)
COFIO_MAX_PAGES = env.int("COFIO_MAX_PAGES", default=100)
# A file that has cut processing short (killed the worker) this many times is set aside.
COFIO_INGEST_MAX_ATTEMPTS = env.int("COFIO_INGEST_MAX_ATTEMPTS", default=3)
COFIO_INGEST_SOFT_TIME_LIMIT = env.int("COFIO_INGEST_SOFT_TIME_LIMIT", default=600)
# Perceptual hashes this close (bits of 64) are "this may already be in the archive".
COFIO_NEAR_DUPLICATE_DISTANCE = env.int("COFIO_NEAR_DUPLICATE_DISTANCE", default=8)
# A known place this close to a photo's GPS position is suggested for it.
COFIO_PLACE_SUGGESTION_METRES = env.int("COFIO_PLACE_SUGGESTION_METRES", default=1000)
# Scheduled fixity audit (celery beat): every COFIO_FIXITY_EVERY_SECONDS, re-hash the
# COFIO_FIXITY_BATCH originals checked least recently — a rolling schedule through the archive
# (200 an hour re-checks 100,000 originals about every three weeks).
COFIO_FIXITY_BATCH = env.int("COFIO_FIXITY_BATCH", default=200)
COFIO_FIXITY_EVERY_SECONDS = env.float("COFIO_FIXITY_EVERY_SECONDS", default=3600.0)
CELERY_BEAT_SCHEDULE = {
    "fixity-audit": {"task": "ingest.fixity_audit", "schedule": COFIO_FIXITY_EVERY_SECONDS},
}
# Replace a pool process once it has grown past this (KiB): Pillow's big buffers fragment memory.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1_500_000)

# --- Search (archive.search; SEARCH_URL and SEARCH_ENGINE are set above) ------------
# Indices are named <prefix>-items-<timestamp> behind the alias <prefix>-items.
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="cofio")
SEARCH_TIMEOUT = env.float("SEARCH_TIMEOUT", default=5.0)  # seconds for one request to the engine
SEARCH_CA_CERTS = env.str("SEARCH_CA_CERTS", default="")  # CA bundle for an https cluster
SEARCH_API_KEY = env.str("SEARCH_API_KEY", default="")  # Elasticsearch API key (or user:password in SEARCH_URL)
SEARCH_REPLICAS = env.int("SEARCH_REPLICAS", default=0)
# How often the engine makes new writes searchable ("1s", "500ms", "-1" for never); searches rely on it to know
# when a removal shows (archive.search.selectors), and check every hit when it is "-1".
# https://opensearch.org/docs/latest/install-and-configure/configuring-opensearch/index-settings/
SEARCH_REFRESH_INTERVAL = env.str("SEARCH_REFRESH_INTERVAL", default="1s")
# "false": updates show within SEARCH_REFRESH_INTERVAL; "wait_for"/"true" make each update visible at once.
SEARCH_SYNC_REFRESH = env.str("SEARCH_SYNC_REFRESH", default="false")
# An index update that cannot reach the engine is retried (1 s, 2 s, 4 s … at most this many seconds apart);
# after SEARCH_SYNC_MAX_RETRIES it waits in the outbox for the scheduled drain.
SEARCH_RETRY_MAX_DELAY = env.int("SEARCH_RETRY_MAX_DELAY", default=300)
SEARCH_SYNC_MAX_RETRIES = env.int("SEARCH_SYNC_MAX_RETRIES", default=20)
SEARCH_DRAIN_EVERY_SECONDS = env.float("SEARCH_DRAIN_EVERY_SECONDS", default=60.0)
CELERY_BEAT_SCHEDULE["search-outbox-drain"] = {"task": "search.drain", "schedule": SEARCH_DRAIN_EVERY_SECONDS}
# The engines' clients log every request at INFO; only their warnings are worth reading.
LOGGING.setdefault("loggers", {}).update({"opensearch": {"level": "WARNING"}, "opensearchpy": {"level": "WARNING"},
                                          "elastic_transport": {"level": "WARNING"},
                                          "elasticsearch": {"level": "WARNING"}})
