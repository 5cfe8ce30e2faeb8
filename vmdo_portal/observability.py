"""One log line per request, with a request id that also goes back in X-Request-ID."""

import contextvars
import logging
import re
import time
import uuid

_request_id = contextvars.ContextVar("request_id", default="-")
logger = logging.getLogger("vmdo_portal.requests")
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


def request_log(get_response):
    def middleware(request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request.id)
        started = time.monotonic()
        try:
            response = get_response(request)
            response["X-Request-ID"] = request.id
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _request_id.reset(token)

    return middleware
