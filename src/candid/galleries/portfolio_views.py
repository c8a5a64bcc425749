"""The studio's public portfolio: only images every person shown released.

Each request re-checks the releases, so an image whose release was withdrawn or
has expired is not served even before its entry is pruned (IMG-01, IMG-02).
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from candid.galleries import services
from candid.galleries.models import PortfolioEntry
from candid.galleries.releases import release_gaps
from candid.galleries.responses import image_response


def _published(now) -> list[PortfolioEntry]:
    entries = PortfolioEntry.objects.select_related("image")
    return [entry for entry in entries if not release_gaps(entry.image, now=now)]


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """List the portfolio's images that are still covered by releases."""
    entries = _published(timezone.now())
    return render(request, "galleries/portfolio.html", {"entries": entries})


@require_GET
def portfolio_image(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    """Serve a portfolio image (the watermarked preview), stripped of metadata."""
    entry = PortfolioEntry.objects.select_related("image").filter(pk=entry_id).first()
    if entry is None or release_gaps(entry.image, now=timezone.now()):
        raise Http404
    body = services.image_served_bytes(image=entry.image, kind="preview")
    response = image_response(image=entry.image, body=body, kind="preview")
    response["Cache-Control"] = "no-cache"
    return response
