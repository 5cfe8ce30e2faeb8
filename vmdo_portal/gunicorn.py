"""gunicorn settings: `gunicorn -c python:vmdo_portal.gunicorn vmdo_portal.wsgi`."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# gthread workers keep connections alive (the sync worker closes each one): a proxy or
# client reuses them instead of opening a TCP connection per request, which under load
# piles up closed sockets and stalls new connections for a second at a time.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
keepalive = 5
timeout = 30
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then, keeping memory flat
max_requests_jitter = 200
accesslog = None  # the app logs one JSON line per request itself
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
