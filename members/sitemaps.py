from members.models import Association
from vmdo_portal.sitemaps import PortalSitemap


class AssociationSitemap(PortalSitemap):
    def items(self):
        return Association.objects.public().order_by("slug").only("slug", "updated_at")

    def lastmod(self, association):
        return association.updated_at
