"""The translation desk (/uebersetzen/): queues per language and a side-by-side editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from translations import desk_selectors as selectors
from translations.desk_services import desk_translation_review, desk_translation_save
from translations.forms import DeskForm
from translations.permissions import (
    desk_languages,
    desk_object_for,
    may_translate_public,
    may_use_desk,
    object_languages,
    owners_note,
)
from translations.selectors import language_summary
from vmdo_portal.services import Refused


@require_safe
@login_required
def desk(request):
    if not may_use_desk(request):
        raise Http404
    overview = selectors.language_overview(desk_languages(request))
    return render(request, "translations/desk.html", {"languages": overview})


@require_safe
@login_required
def queue(request, language):
    if not may_translate_public(request, language):
        raise Http404
    page = selectors.queue_page(language, request.GET.get("seite"))
    context = {"page": page, "language": selectors.language_overview([language])[0]}
    return render(request, "translations/queue.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def editor(request, language, model, pk):
    obj, as_owner = desk_object_for(request, language, model, pk)
    fields = selectors.editor_fields(obj, language)
    initial = selectors.editor_initial(obj, language, fields)
    form = DeskForm(request.POST or None, initial=initial, fields=fields, language=language)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message = _submit(request, obj, form, as_owner)
            except Refused as refused:
                for error in refused.errors:
                    form.add_error(None, error)
                status = 409
            else:
                messages.success(request, message)
                return redirect(request.path)
    context = {
        "obj": obj,
        "as_owner": as_owner,
        "form": form,
        "language": {
            "code": language,
            "name": selectors.language_name(language),
            "dir": selectors.direction(language),
            "local_name": selectors.local_name(language),
        },
        "kind": obj._meta.verbose_name,
        "label": obj._meta.label_lower,
        "note": owners_note(request, obj) if as_owner else "",
        "languages": object_languages(request, obj, as_owner, language_summary(obj)),
        "public_url": selectors.public_url(obj, language),
    }
    return render(request, "translations/editor.html", context, status=status)


def _submit(request, obj, form, as_owner) -> str:
    data = form.cleaned_data
    common = {"obj": obj, "by": request.user, "source": data["source"], "target": data["target"]}
    if data["review"]:
        return desk_translation_review(field=data["review"], language=form.language, **common)
    return desk_translation_save(
        language=form.language, texts=form.texts(), request=request, as_owner=as_owner, **common
    )
