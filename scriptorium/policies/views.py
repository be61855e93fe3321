"""The policy pages (current version, earlier versions), the editor, and the accept page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.policies import selectors, services
from scriptorium.policies.forms import AcceptForm, PolicyForm
from scriptorium.policies.models import PolicyKind


def policy_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The version in force; before the first is published, a page saying so (404)."""
    kind = selectors.kind_or_404(slug)
    version = selectors.policy_current(kind)
    context = {"kind": kind, "version": version, "may_publish": selectors.may_publish(request.user)}
    return render(request, "policies/page.html", context, status=200 if version else 404)


def policy_versions(request: HttpRequest, slug: str) -> HttpResponse:
    kind = selectors.kind_or_404(slug)
    versions = selectors.policy_versions(kind)
    context = {"kind": kind, "versions": versions, "may_publish": selectors.may_publish(request.user)}
    return render(request, "policies/versions.html", context)


def policy_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    kind = selectors.kind_or_404(slug)
    version = selectors.policy_version_or_404(kind, number)
    current = selectors.policy_current(kind)
    context = {"kind": kind, "version": version, "current": current, "may_publish": False}
    return render(request, "policies/page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish a new version: the form starts from the text in force."""
    kind = selectors.kind_or_404(slug)
    if not selectors.may_publish(request.user):
        raise PermissionDenied("Only staff allowed to publish policies can edit them.")
    current = selectors.policy_current(kind)
    initial = {"body": current.body, "text_format": current.text_format} if current else {}
    form = PolicyForm(form_data(request), kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_publish(actor=request.user, kind=kind, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Version {version.number} of the {kind.label} is published.")
            return redirect("policies:page", slug=kind.value)
    context = {"kind": kind, "form": form, "current": current}
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "policies/edit.html", context, status=status)


def _next_url(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if safe else "/"


@login_required
@require_http_methods(["GET", "POST"])
def terms_accept(request: HttpRequest) -> HttpResponse:
    """The terms an account has to accept before going on, with the box; nothing pending: on to ``next``."""
    next_url = _next_url(request)
    version = selectors.terms_pending(request.user)
    if version is None:
        return redirect(next_url)
    form = AcceptForm(form_data(request), initial={"version": version.number})
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["version"] != version.number:
                raise ValidationError(services.TERMS_CHANGED)
            services.policy_accept(actor=request.user, version=version)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you: you have accepted the Terms of Service.")
            return redirect(next_url)
    context = {"kind": PolicyKind.TERMS, "version": version, "form": form, "next": next_url}
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "policies/accept.html", context, status=status)
