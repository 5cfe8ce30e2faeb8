from modeltranslation.translator import TranslationOptions, register

from network.models import Circular


@register(Circular)
class CircularTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("de",)
