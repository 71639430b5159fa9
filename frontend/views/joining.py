"""After joining: the welcome page, which says whether the new member may share now or waits for a curator."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from archive.access import can_contribute


@login_required
def joined(request):
    """Welcome: "you can share now", or "a curator will welcome you soon"."""
    return render(request, "frontend/joined.html", {"may_contribute": can_contribute(request.user)})
