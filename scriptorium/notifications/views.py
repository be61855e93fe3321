"""Inbox, subscriptions page and the subscribe buttons. Every form is a plain POST and a redirect back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scriptorium.notifications import selectors, services
from scriptorium.notifications.models import DigestFrequency
from scriptorium.notifications.models.subscription import TARGET_FIELDS, SubscriptionKind
from scriptorium.notifications.presenters import excerpt, headline, kind_label, target_url


def _next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = selectors.inbox_page(request.user, page=request.GET.get("page"), unread_only=unread_only)
    rows = [
        {"n": n, "headline": headline(n), "excerpt": excerpt(n), "url": target_url(n), "kind": kind_label(n)}
        for n in page.object_list
    ]
    return render(request, "notifications/inbox.html", {"page": page, "rows": rows, "unread_only": unread_only})


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    try:
        services.notification_mark_read(actor=request.user, notification_id=notification_id)
    except ObjectDoesNotExist:
        raise Http404("No notification found.") from None
    messages.success(request, "Marked as read.")
    return _next(request, reverse("notifications:inbox"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    else:
        messages.info(request, "There was nothing unread.")
    return _next(request, reverse("notifications:inbox"))


@login_required
@require_GET
def subscriptions(request: HttpRequest) -> HttpResponse:
    context = {
        "groups": selectors.subscriptions_by_kind(request.user),
        "frequency": selectors.digest_frequency(request.user),
        "frequencies": DigestFrequency.choices,
    }
    return render(request, "notifications/subscriptions.html", context)


@login_required
@require_POST
def subscription_change(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    """Subscribe (``action=subscribe``) or unsubscribe, then back to the page the button was on."""
    if kind not in SubscriptionKind.values:
        raise Http404("Nothing of that kind.")
    here = reverse("notifications:subscriptions")
    if request.POST.get("action") == "unsubscribe":
        if services.subscription_delete(actor=request.user, kind=kind, target_id=target_id):
            messages.success(request, "You are unsubscribed.")
        else:
            messages.info(request, "You were not subscribed to that.")
        return _next(request, here)
    try:
        subscription, created = services.subscription_create(actor=request.user, kind=kind, target_id=target_id)
    except ObjectDoesNotExist:
        raise Http404("Nothing to subscribe to here.") from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _next(request, here)
    label = services.target_label(kind, getattr(subscription, TARGET_FIELDS[SubscriptionKind(kind)]))
    if created:
        messages.success(request, f"You are subscribed to {label}.")
    else:
        messages.info(request, f"You were already subscribed to {label}; nothing changed.")
    return _next(request, here)


@login_required
@require_http_methods(["POST"])
def digest_settings(request: HttpRequest) -> HttpResponse:
    try:
        row = services.digest_settings_update(actor=request.user, frequency=request.POST.get("frequency", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if row.frequency == DigestFrequency.OFF:
            messages.success(request, "Email digests are off.")
        else:
            messages.success(request, f"You will get an email digest {DigestFrequency(row.frequency).label.lower()}.")
    return HttpResponseRedirect(reverse("notifications:subscriptions") + "#digest")
