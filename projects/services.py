"""Workflows of the projects app (used by the back office, demo data and tests)."""

from django.db import transaction

from projects.models import Project, Site, SiteLanguage
from translations.services import translation_texts_saved
from vmdo_portal.audit import log_action


@transaction.atomic
def project_create(*, funders=(), partners=(), by=None, **fields) -> Project:
    project = Project(**fields)
    project.full_clean()
    project.save()
    project.funders.set(funders)
    project.partners.set(partners)
    translation_texts_saved(project, changed=[], created=True, by=by)
    log_action(project, "project.created", by=by)
    return project


@transaction.atomic
def site_create(*, languages=(), services=(), by=None, **fields) -> Site:
    site = Site(**fields)
    site.full_clean()
    site.save()
    site.services.set(services)
    SiteLanguage.objects.bulk_create(SiteLanguage(site=site, code=code) for code in languages)
    translation_texts_saved(site, changed=[], created=True, by=by)
    log_action(site, "site.created", by=by)
    return site
