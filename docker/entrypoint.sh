#!/bin/sh
# Entrypoint of Cofio's image: optional start-up steps, then the command (gunicorn by default;
# compose.yaml runs celery worker / celery beat with the same image).
#
#   COFIO_MIGRATE=1   apply database migrations before starting (compose sets it for `web` only,
#                     so that one container migrates and the others wait for it to be healthy)
set -eu

if [ "${COFIO_MIGRATE:-0}" = "1" ]; then
    echo "cofio-entrypoint: applying database migrations" >&2
    python /app/manage.py migrate --noinput
fi

exec "$@"
