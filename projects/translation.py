from modeltranslation.translator import TranslationOptions, register

from projects.models import ContactPerson, Funder, Project, Service, Site, SiteException


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("de",)


@register(Funder)
class FunderTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Site)
class SiteTranslationOptions(TranslationOptions):
    fields = ("directions",)


@register(SiteException)
class SiteExceptionTranslationOptions(TranslationOptions):
    fields = ("reason",)


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("role",)
