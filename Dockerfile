# VMDO portal: one image for the web servers and the worker.
# docker build -t vmdo-portal . && docker run -p 8000:8000 --env-file production.env vmdo-portal
FROM python:3.13-slim-bookworm AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext make && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml constraints.txt ./
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -c constraints.txt pip \
    && /venv/bin/pip install --no-cache-dir -c constraints.txt --group runtime
COPY . .
RUN DEBUG=1 /venv/bin/python manage.py compilemessages -v 0 --ignore=.venv \
    && SECRET_KEY=build EMAIL_URL=console: SITE_URL=http://build /venv/bin/python manage.py collectstatic --no-input -v 0

FROM python:3.13-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client make \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 10001 portal
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=portal /app /app
ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=vmdo_portal.settings
USER portal
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "-c", "python:vmdo_portal.gunicorn", "vmdo_portal.wsgi"]
