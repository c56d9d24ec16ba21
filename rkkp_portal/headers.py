"""Headers on every response of the portal's own pages (static files have theirs).

- ``Cache-Control: private, no-store`` unless the view chose its own: pages and exports
  hold personal data (names, contact details, seats, agendas), and a shared computer's
  browser cache or a proxy must not keep them. Even a public page shows the signed-in
  user's name in its header. A page that may be kept says so itself, with
  ``django.views.decorators.cache.cache_control``.
- ``Permissions-Policy``: the portal uses no camera, microphone, location, payment or
  other device feature, so no page (nor anything injected into one) may ask for them.
"""

from django.http import HttpRequest, HttpResponse

NO_STORE = "private, no-store"
# Only features Chromium and Firefox know: an unknown name is a console error in Chromium.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class ResponseHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Cache-Control", NO_STORE)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
