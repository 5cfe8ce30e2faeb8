from django.conf import settings
from django.contrib.sitemaps import Sitemap

from members.models import Association


class AssociationSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]

    def items(self):
        return Association.objects.public().order_by("slug").only("slug", "updated_at")

    def lastmod(self, association):
        return association.updated_at
