"""Test settings: real PostgreSQL and Redis (started by bin/services.py) unless told otherwise.

bin/runtests.py exports DATABASE_URL and CELERY_BROKER_URL for the services it starts.
"""
from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env

SECRET_KEY = "cofio-tests-only"
COFIO_DEMO_PASSWORD = "demo-password-for-tests"  # seed_demo's accounts in tests
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each run (bin/runtests.py sets COFIO_TEST_RUN) has its own test database, queue and media
# folder, so that two runs on one machine never see each other's data or tasks.
TEST_RUN = env.str("COFIO_TEST_RUN", default="0")
DATABASES["default"]["TEST"] = {"NAME": f"test_cofio_{TEST_RUN}"}  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405  (the embedded pass: a file, as in the demo)
    DATABASES["default"]["TEST"]["NAME"] = str(VAR_DIR / f"test_cofio_{TEST_RUN}.sqlite3")  # noqa: F405
CELERY_TASK_DEFAULT_QUEUE = f"cofio-test-{TEST_RUN}"
MEDIA_ROOT = VAR_DIR / "test-media" / TEST_RUN
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
COFIO_MAX_UPLOAD_BYTES = env.int("COFIO_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
COFIO_MAX_UPLOAD_FILES = env.int("COFIO_MAX_UPLOAD_FILES", default=10)
DATA_UPLOAD_MAX_NUMBER_FILES = COFIO_MAX_UPLOAD_FILES + 10
# Static files are not collected for tests; Django's finders serve what a page test needs.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Search: each run has its own indices (one node may serve several runs); updates show at once.
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default=f"cofio-test-{TEST_RUN}")
SEARCH_SYNC_REFRESH = "true"
SEARCH_RETRY_MAX_DELAY = 2
SEARCH_SYNC_MAX_RETRIES = 90
# Rate limits: high enough that no test is limited by accident (the locmem cache counts across a run);
# tests of the limits themselves lower them with override_settings.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {  # noqa: F405
    "contribute": env.str("COFIO_RATE_CONTRIBUTE", default="100000/hour"),
    "takedown": env.str("COFIO_RATE_TAKEDOWN", default="100000/hour"),
}}
COFIO_RATE_LOGIN_ACCOUNT = env.str("COFIO_RATE_LOGIN_ACCOUNT", default="100000/15m")
COFIO_RATE_LOGIN_ADDRESS = env.str("COFIO_RATE_LOGIN_ADDRESS", default="100000/15m")
