"""What the projects app adds to other pages (see vmdo_portal.sections)."""

from projects.models import Project

HOME_PROJECTS = 6


def home(request, _obj):
    projects = list(Project.objects.published().active()[:HOME_PROJECTS])
    return {"projects": projects} if projects else None


def association(request, association):
    projects = list(Project.objects.published().filter(partners=association))
    return {"projects": projects, "association": association} if projects else None
