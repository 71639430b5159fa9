#!/usr/bin/env python3
"""Docker HEALTHCHECK of the web container: GET /healthz from gunicorn; healthy only on 200.

/healthz answers 200 when the database, the broker and the search engine answer, 503 naming the
one that does not. The request carries a Host that ALLOWED_HOSTS accepts (the first plain entry),
or Django would answer 400 (DisallowedHost) to 127.0.0.1. Standard library only: the slim image
has no curl.
"""
import os
import sys
import urllib.error
import urllib.request


def allowed_host() -> str:
    """The first entry of ALLOWED_HOSTS usable as a Host header (".example.org" → "example.org")."""
    for entry in os.environ.get("ALLOWED_HOSTS", "").split(","):
        entry = entry.strip()
        if entry and "*" not in entry:
            return entry.lstrip(".")
    return "localhost"


def main() -> int:
    port = os.environ.get("COFIO_HEALTHCHECK_PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        # As nginx would send it: SECURE_PROXY_SSL_HEADER then treats the request as https.
        headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            print(response.status, response.read(500).decode("utf-8", "replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:  # 503: the body names what is down
        print(exc.code, exc.read(500).decode("utf-8", "replace"))
    except OSError as exc:
        print("no answer from gunicorn:", exc)
    return 1


if __name__ == "__main__":
    sys.exit(main())
