from modeltranslation.translator import TranslationOptions, register

from members import profile_fields
from members.models import Association, Community, FieldOfActivity


@register(Association)
class AssociationTranslationOptions(TranslationOptions):
    fields = profile_fields.translated_fields()


@register(FieldOfActivity)
class FieldOfActivityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Community)
class CommunityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)
