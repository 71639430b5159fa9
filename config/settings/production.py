"""Production settings: everything comes from the environment; unsafe defaults are refused."""
from django.core.exceptions import ImproperlyConfigured

from config.local_secrets import refused_demo_passwords

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # required: ImproperlyConfigured when missing
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long in production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
CELERY_BROKER_TRANSPORT_OPTIONS = broker_transport_options(CELERY_BROKER_URL)  # noqa: F405
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)

# Behind nginx (docker/nginx.conf), which sets X-Forwarded-Proto.
# https://docs.djangoproject.com/en/5.2/ref/settings/#secure-proxy-ssl-header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx appends the client's address to X-Forwarded-For: the rate limits count that one. With a TLS proxy in
# front of nginx that appends its own, set COFIO_TRUSTED_PROXIES=2, or every visitor counts as that proxy.
# https://www.django-rest-framework.org/api-guide/throttling/#how-clients-are-identified
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": env.int("COFIO_TRUSTED_PROXIES", default=1)}  # noqa: F405
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Media is served by nginx after Django has authorised each request (X-Accel-Redirect).
COFIO_MEDIA_ACCEL_PREFIX = env.str("COFIO_MEDIA_ACCEL_PREFIX", default="/protected/")
# Refuse to start with a demo password on any account (checked by manage.py check --deploy): the one once
# published in the README, COFIO_DEMO_PASSWORD, and the one a demo kept in var/demo_password.
COFIO_REFUSE_DEMO_PASSWORD = True
COFIO_REFUSED_DEMO_PASSWORDS = refused_demo_passwords(VAR_DIR)  # noqa: F405
AUTH_PASSWORD_VALIDATORS = [  # noqa: F405
    *AUTH_PASSWORD_VALIDATORS,  # noqa: F405
    {"NAME": "archive.validators.NotDemoPasswordValidator"},
]
