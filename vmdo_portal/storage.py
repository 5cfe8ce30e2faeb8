"""Uploads on S3-compatible object storage, linked through the portal's own /media/ URLs,
so visitors' browsers never contact the storage host (privacy, CSP)."""

from urllib.parse import quote

from django.conf import settings
from storages.backends.s3 import S3Storage


class PortalS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{quote(name)}"
