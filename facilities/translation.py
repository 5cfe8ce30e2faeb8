from modeltranslation.translator import TranslationOptions, register

from facilities.models import Closure, Equipment, Facility, Room, RoomPhoto


@register(Facility)
class FacilityTranslationOptions(TranslationOptions):
    fields = ("description", "directions", "accessibility")


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Equipment)
class EquipmentTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(RoomPhoto)
class RoomPhotoTranslationOptions(TranslationOptions):
    fields = ("alt",)
    required_languages = ("de",)


@register(Closure)
class ClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)
    required_languages = ("de",)
