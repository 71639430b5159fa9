"""The archive's pages for people using a browser."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from archive.models import Item
from archive.reasons import reason_text
from archive.selectors import items_for_listing
from archive.trail_selectors import trails_using_item

from ..bilingual import current_language
from .trails import featured_trails, trail_title
from .voices import voices_context

PAGE_SIZE = 24


def home(request):
    """The front page: the newest ready items the visitor may see, 24 to a page."""
    items = items_for_listing(request.user).filter(status=Item.Status.READY)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "frontend/home.html", {
        "page": page,
        "items": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "featured_trails": featured_trails(request.user) if page.number == 1 else [],
    })


def item_detail(request, pk: int):
    """One item with every voice about it; its status (and why it failed) while it is not ready."""
    item = get_object_or_404(items_for_listing(request.user), pk=pk)
    reason = ""
    if item.status == Item.Status.FAILED:
        reason = reason_text(item.status_reason, item.status_params, current_language())
    in_trails = [{"trail": trail, "title": trail_title(trail)} for trail in trails_using_item(request.user, item)]
    return render(request, "frontend/item_detail.html",
                  {"item": item, "reason": reason, "in_trails": in_trails, **voices_context(request, item)})
