from modeltranslation.translator import TranslationOptions, register

from events.models import Category, Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("de",)


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)
