"""The archive's pages for people using a browser."""
from django.shortcuts import get_object_or_404, render

from archive.selectors import items_for_listing
from archive.models import Item


def home(request):
    """The front page: the newest items the visitor may see."""
    items = items_for_listing(request.user).filter(status=Item.Status.READY)[:24]
    return render(request, "frontend/home.html", {"items": items})


def item_detail(request, pk: int):
    """One item with every voice about it."""
    item = get_object_or_404(items_for_listing(request.user), pk=pk)
    return render(request, "frontend/item_detail.html", {"item": item})
