"""gunicorn settings for the web container (CMD in docker/Dockerfile).

Tunable from the environment; GUNICORN_CMD_ARGS overrides anything here.
https://docs.gunicorn.org/en/stable/settings.html
"""
import os

# WEB_CONCURRENCY: worker processes (gunicorn's own variable; default 3 in the image).
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Sync workers behind nginx, which buffers slow clients and whole uploads before passing them on.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then: image handling fragments memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Worker heartbeats on tmpfs, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# nginx (the only client, on the compose network) sets X-Forwarded-*.
forwarded_allow_ips = "*"
# gunicornc's control socket (gunicorn >= 25.1): somewhere the app's user can write.
control_socket = "/tmp/gunicorn.ctl"
