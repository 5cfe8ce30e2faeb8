from modeltranslation.translator import TranslationOptions, register

from network.models import Circular, Resource


@register(Circular)
class CircularTranslationOptions(TranslationOptions):
    fields = ("subject", "body")


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("de",)
