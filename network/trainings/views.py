"""Trainings of VMDO for the member associations (Qualifizierung): the list, a training
with its registration, cancelling one's registration, the certificate of participation.

Registration goes through the events app (events.services.registration_create: the
event's row lock, its places, the waiting list and the places per association)."""

from allauth.account.utils import has_verified_email
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events import services as event_services
from events.models import Registration
from network.permissions import network_member
from network.trainings import selectors
from network.trainings.certificate import certificate_pdf
from network.trainings.forms import TrainingRegistrationForm
from network.trainings.permissions import may_register
from vmdo_portal.services import Refused


@require_safe
@network_member
def training_list(request):
    now = timezone.now()
    return render(
        request,
        "network/trainings/list.html",
        {
            "trainings": selectors.upcoming_trainings(user=request.user, now=now),
            "past": selectors.past_registrations(user=request.user, now=now),
        },
    )


@require_http_methods(["GET", "POST"])
@network_member
def training_detail(request, slug):
    event = selectors.training(slug)
    form, status = None, 200
    if event.registration_is_open and may_register(request.user):
        data = request.POST if request.method == "POST" else None
        form = TrainingRegistrationForm(data, user=request.user)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Registration for this event is closed."))
            return redirect(event.get_absolute_url())
        if _register(request, event, form):
            return redirect(event.get_absolute_url())
        status = 400
    context = {
        "event": event,
        "form": form,
        "mine": selectors.own_registrations(user=request.user, event=event),
        "places_left": event_services.places_left(event),
        "cancellable": not event.is_cancelled and event.start > timezone.now(),
    }
    return render(request, "network/trainings/detail.html", context, status=status)


def _register(request, event, form) -> bool:
    """The form sent: True when the registration is saved (and the person told where it
    stands), else False with the reasons on the form."""
    if not form.is_valid():
        return False
    user = request.user
    try:
        registration = event_services.registration_create(
            event=event,
            name=form.cleaned_data["name"],
            email=user.email,
            language=get_language(),
            email_verified=has_verified_email(user, user.email),
            association=form.cleaned_data["association"],
            user=user,
        )
    except Refused as refused:
        for error in refused.errors:
            form.add_error(None, error)
        return False
    messages.info(request, str(STATUS_MESSAGES[registration.status]))
    return True


STATUS_MESSAGES = {
    Registration.Status.PENDING: gettext_lazy(
        "Almost done: please confirm your registration with the link "
        "we have sent to your email address."
    ),
    Registration.Status.CONFIRMED: gettext_lazy("You are registered. We have sent you an email."),
    Registration.Status.WAITING: gettext_lazy(
        "The event is full: you are on the waiting list. We will email you if a place frees up."
    ),
}


@require_POST
@network_member
def registration_cancel(request, pk):
    registration = selectors.own_registration(user=request.user, pk=pk)
    event = registration.event
    if event.start <= timezone.now():
        messages.error(request, _("A registration can be cancelled only before the training."))
    else:
        event_services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event.get_absolute_url())


@require_safe
@network_member
def certificate(request, pk):
    registration = selectors.certificate_registration(user=request.user, pk=pk, now=timezone.now())
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    name = f"teilnahmebescheinigung-{registration.event.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
