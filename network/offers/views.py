"""Biete / Suche: the list, a post with its answer form, posting, editing, reporting."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network.offers import selectors, services
from network.offers.filters import OfferFilter
from network.offers.forms import AnswerForm, NewPostForm, PostForm, ReportForm, post_initial
from network.offers.permissions import may_answer, may_manage, may_post
from network.permissions import network_member
from vmdo_portal import ratelimit
from vmdo_portal.services import Refused

PAGE_SIZE = 20
DAY = 24 * 60 * 60
# Per person and day: each post reaches every member, each answer sends emails.
POSTS_PER_DAY = 5
ANSWERS_PER_DAY = 20
REPORTS_PER_DAY = 10


def _within_limit(request, what: str, limit: int) -> bool:
    return ratelimit.hit(f"network:offers:{what}:{request.user.pk}", limit=limit, window=DAY)


def _limit_reached(form, limit: int) -> None:
    form.add_error(
        None,
        _("You have reached today's limit of %(limit)s. Please try again tomorrow.")
        % {"limit": limit},
    )


def _refused(form, refused: Refused) -> None:
    for error in refused.errors:
        form.add_error(None, error)


@require_safe
@network_member
def offer_list(request):
    filterset = OfferFilter(request.GET or None, queryset=selectors.current_posts())
    page = Paginator(selectors.for_lists(filterset.qs), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    context = {
        "filter": filterset,
        "page": page,
        "posts": page.object_list,
        "own_posts": selectors.own_posts(request.user),
        "may_post": may_post(request.user),
    }
    return render(request, "network/offers/list.html", context)


@require_http_methods(["GET", "POST"])
@network_member
def offer_detail(request, pk):
    post = selectors.readable_post(request.user, pk)
    manages = may_manage(request.user, post)
    answerable = may_answer(request.user, post, manages=manages)
    form = AnswerForm(request.POST or None) if answerable else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        status = _answer(request, post, form) if form.is_valid() else 400
        if status is None:
            messages.success(request, _("Your answer was sent to the association."))
            return redirect(post)
    answered = post.answers.filter(sender=request.user).exists()
    context = {"post": post, "manages": manages, "form": form, "answered": answered}
    return render(request, "network/offers/detail.html", context, status=status)


def _answer(request, post, form) -> int | None:
    """Send the answer: None when sent, else the status of the page with the reason."""
    if not _within_limit(request, "answers", ANSWERS_PER_DAY):
        _limit_reached(form, ANSWERS_PER_DAY)
        return 429
    try:
        services.offer_answer_send(
            post=post,
            by=request.user,
            message=form.cleaned_data["message"],
            share_email=form.cleaned_data["share_email"],
        )
    except Refused as refused:
        _refused(form, refused)
        return 400
    return None


@require_http_methods(["GET", "POST"])
@network_member
def offer_create(request):
    if not may_post(request.user):
        raise Http404
    form = NewPostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not _within_limit(request, "posts", POSTS_PER_DAY):
            _limit_reached(form, POSTS_PER_DAY)
            return render(request, "network/offers/form.html", {"form": form}, status=429)
        try:
            post = services.offer_post_create(by=request.user, **form.cleaned_data)
        except Refused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("Your post is in the list now."))
            return redirect(post)
    status = 400 if form.is_bound else 200
    return render(request, "network/offers/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@network_member
def offer_edit(request, pk):
    post = selectors.managed_post(request.user, pk)
    form = PostForm(request.POST or None, initial=post_initial(post))
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_post_update(post=post, by=request.user, **form.cleaned_data)
        except Refused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("The post was saved."))
            return redirect(post)
    status = 400 if form.is_bound else 200
    context = {"form": form, "post": post}
    return render(request, "network/offers/form.html", context, status=status)


@require_POST
@network_member
def offer_status(request, pk, done):
    post = selectors.managed_post(request.user, pk)
    change = services.offer_post_done if done else services.offer_post_reopen
    try:
        change(post=post, by=request.user)
    except Refused as refused:
        messages.error(request, refused.errors[0])
    else:
        messages.success(request, _("Marked as done.") if done else _("Open again."))
    return redirect(post)


@require_http_methods(["GET", "POST"])
@network_member
def offer_delete(request, pk):
    post = selectors.managed_post(request.user, pk)
    if request.method == "POST":
        services.offer_post_delete(post=post, by=request.user)
        messages.success(request, _("The post was deleted."))
        return redirect("network:offers")
    return render(request, "network/offers/delete.html", {"post": post})


@require_http_methods(["GET", "POST"])
@network_member
def offer_report(request, pk):
    post = selectors.readable_post(request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _within_limit(request, "reports", REPORTS_PER_DAY):
            services.offer_report(post=post, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Thank you. The office will look at this post."))
            return redirect(reverse("network:offers"))
        _limit_reached(form, REPORTS_PER_DAY)
        return render(
            request, "network/offers/report.html", {"form": form, "post": post}, status=429
        )
    status = 400 if form.is_bound else 200
    return render(
        request, "network/offers/report.html", {"form": form, "post": post}, status=status
    )
