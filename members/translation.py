from modeltranslation.translator import TranslationOptions, register

from members.models import Association, Community, FieldOfActivity


@register(Association)
class AssociationTranslationOptions(TranslationOptions):
    fields = ("description", "regular_activities")


@register(FieldOfActivity)
class FieldOfActivityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Community)
class CommunityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)
