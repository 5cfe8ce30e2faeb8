from modeltranslation.translator import TranslationOptions, register

from network.models import Resource


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("de",)
