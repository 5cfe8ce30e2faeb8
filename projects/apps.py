from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and sites")

    def ready(self):
        from projects import default_lists, sections
        from projects.sitemaps import ProjectSitemap, SiteSitemap
        from translations import shipped
        from vmdo_portal import sitemaps
        from vmdo_portal.sections import register

        register("home", "projects/sections/home.html", sections.home)
        register("association_profile", "projects/sections/association.html", sections.association)
        register(
            "association_dashboard", "projects/sections/association.html", sections.association
        )
        sitemaps.register("projects", ProjectSitemap)
        sitemaps.register("sites", SiteSitemap)
        shipped.register("projects.service", default_lists.SERVICES)
        from projects.models import Project, Service, Site
        from translations.registry import desk_register

        desk_register(Project, public=Project.objects.published)
        desk_register(Site, public=Site.objects.active)
        desk_register(Service, public=Service.objects.all)
