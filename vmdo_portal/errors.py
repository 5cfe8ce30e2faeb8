"""Error views that render the portal's own pages with the request (language, menu)."""

from django.shortcuts import render


def bad_request(request, exception):
    """Django's default renders 400.html without the request, so without the portal's frame."""
    return render(request, "400.html", status=400)
