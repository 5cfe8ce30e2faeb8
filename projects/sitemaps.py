from projects.models import Project, Site
from vmdo_portal.sitemaps import PortalSitemap


class ProjectSitemap(PortalSitemap):
    def items(self):
        return list(Project.objects.published().order_by("slug"))


class SiteSitemap(PortalSitemap):
    def items(self):
        return list(Site.objects.active().order_by("slug"))
