"""GET /healthz: 200 when every service answers, 503 naming the one that does not."""
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from archive.health import services_health


@never_cache
def healthz(request):
    """The state of the database, the broker and the search engine."""
    report = services_health()
    down = [name for name, state in report.items() if not state["ok"]]
    body = {"status": "ok" if not down else "unavailable", "down": down, "services": report}
    return JsonResponse(body, status=503 if down else 200)
