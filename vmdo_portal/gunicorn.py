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
# Recycle workers now and then, keeping memory flat. Not too often: starting a worker
# (importing Django and the portal) costs about a second of CPU, and at 2,000 requests a
# busy server restarted one every few seconds (benchmarks: 40 % less throughput).
max_requests = 20000
max_requests_jitter = 2000
accesslog = None  # the app logs one JSON line per request itself
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
