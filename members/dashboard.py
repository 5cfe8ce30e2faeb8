"""The association dashboard (/mein-verein/): people keep their association current."""

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import profile_fields, selectors, services
from members.forms import AcceptInvitationForm, InvitationForm, ProfileForm
from members.models import Association, Membership
from members.permissions import Act, association_for, may, office_may_act, role_in
from translations.selectors import language_summary
from vmdo_portal.audit import entries_for
from vmdo_portal.services import Refused


@require_safe
@login_required
def home(request):
    entries = selectors.dashboard_entries(request.user)
    return render(request, "members/dashboard/home.html", {"entries": entries})


@require_safe
@login_required
def overview(request, slug):
    association = association_for(request, slug, Act.VIEW_DASHBOARD)
    return render(
        request,
        "members/dashboard/overview.html",
        {
            "association": association,
            "role": role_in(request.user, association),
            "can_edit_profile": may(request, association, Act.EDIT_PROFILE),
            "can_manage_people": may(request, association, Act.MANAGE_PEOPLE),
            "pending": selectors.pending_revision(association),
            "history": entries_for(association)[:10],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit_profile(request, slug):
    association = association_for(request, slug, Act.EDIT_PROFILE)
    pending = selectors.pending_revision(association)
    if request.method == "GET":
        initial = selectors.profile_form_initial(association, pending)
        form = ProfileForm(initial=initial, instance=association)
        return _edit_page(request, association, form, pending)

    form = ProfileForm(
        request.POST,
        request.FILES,
        instance=Association.objects.get(pk=association.pk),
        logo_scope={"association": association.pk, "account": request.user.pk},
    )
    if not form.is_valid():
        return _edit_page(request, association, form, pending, status=400)
    if "preview" in request.POST:
        return _edit_page(request, association, form, pending, preview=form.profile_data())
    try:
        result = services.association_profile_update(
            association=association,
            by=request.user,
            may_publish=office_may_act(request, Act.PUBLISH_PROFILE),
            **form.update_kwargs(),
        )
    except services.ProfileChangedMeanwhile as refused:
        form.add_error(None, refused.errors)
        return _edit_page(request, association, form, pending, status=409)
    form.release_logo()
    notice = messages.success if result.changed_fields else messages.info
    notice(request, result.message)
    return redirect("members:overview", slug=association.slug)


def _edit_page(request, association, form, pending, preview=None, status=200):
    # The texts show one language at a time: ?sprache=tr (links work without JavaScript),
    # or the first language with an error.
    language = form.language_with_errors() or request.GET.get("sprache")
    if language not in profile_fields.LANGUAGE_CODES:
        language = profile_fields.LANGUAGE_CODES[0]
    context = {
        "languages": form.language_panels(
            selected=language, statuses=language_summary(association)
        ),
        "association": association,
        "form": form,
        "pending": pending,
        "publishes_at_once": association.trusted or office_may_act(request, Act.PUBLISH_PROFILE),
        # A checked new logo waits for the next submit (vmdo_portal.held_uploads).
        "held_logo": form.hold_logo() if form.is_bound else "",
    }
    if preview is not None:
        shown = Association(**{k: v for k, v in preview.items() if k in selectors.SIMPLE_FIELDS})
        shown.slug = association.slug
        shown.logo = association.logo_thumbnail
        context["preview"] = {
            "association": shown,
            "logo_url": form.logo_preview_url(),
            "fields_of_activity": preview["fields_of_activity"],
            "languages": preview["languages"],
            "communities": preview["communities"],
        }
    return render(request, "members/dashboard/edit_profile.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def people(request, slug):
    association = association_for(request, slug, Act.MANAGE_PEOPLE)
    form = InvitationForm(request.POST or None, initial={"language": get_language()})
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                association=association,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except Refused as refused:
            form.add_error(None, str(refused))
            status = 429
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:people", slug=association.slug)
    return render(
        request,
        "members/dashboard/people.html",
        {
            "association": association,
            "memberships": selectors.association_memberships(association),
            "invitations": selectors.invitations_open(association),
            "form": form,
        },
        status=status or (400 if form.errors else 200),
    )


@require_POST
@login_required
def remove_person(request, slug, membership_id):
    association = association_for(request, slug, Act.MANAGE_PEOPLE)
    membership = get_object_or_404(Membership, pk=membership_id, association=association)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except Refused as refused:
        for error in refused.errors:
            messages.error(request, error)
        return redirect("members:people", slug=association.slug)
    messages.success(
        request, _("%(email)s no longer has access.") % {"email": membership.user.email}
    )
    if membership.user == request.user:
        return redirect("members:dashboard")
    return redirect("members:people", slug=association.slug)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invitation, problem = selectors.invitation_for_link(token)
    if problem:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": problem, "invitation": invitation},
            status=404 if problem == "unknown" else 410,
        )
    context = {"invitation": invitation, "association": invitation.association}
    user = request.user
    if user.is_authenticated:
        if user.email != invitation.email:
            return render(request, "members/invitation_other_account.html", context, status=403)
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, user=user)
            _welcome(request, invitation)
            return redirect("members:overview", slug=invitation.association.slug)
        return render(request, "members/invitation_accept.html", context)
    if selectors.account_exists(invitation.email):
        return render(request, "members/invitation_sign_in.html", context)
    return _accept_with_new_account(request, invitation, context)


def _welcome(request, invitation) -> None:
    messages.success(
        request, _("Welcome! You now have access to %(name)s.") % {"name": invitation.association}
    )


def _accept_with_new_account(request, invitation, context):
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.invitation_accept_with_new_account(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                name=form.cleaned_data["name"],
            )
        except services.InvitationInvalid:
            return render(
                request, "members/invitation_invalid.html", {"reason": "used"}, status=410
            )
        _welcome(request, invitation)
        return perform_login(
            request,
            new_user,
            redirect_url=reverse("members:overview", kwargs={"slug": invitation.association.slug}),
        )
    return render(
        request,
        "members/invitation_new_account.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )
