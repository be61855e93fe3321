"""Co-creators' pages: the invitations waiting for one's answer, and the credits of a work or series (remove
oneself; the owner removes others and cancels invitations; a series' creators invite from here)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.works import cocreators, selectors
from scriptorium.works.models import Series, Work


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _refusal(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, str(exc) or "You cannot do that.")


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    """The invitations waiting for the reader's answer, each with Accept and Decline."""
    if request.method == "POST":
        invitation_id = _int(request.POST.get("invitation"))
        answer = request.POST.get("answer")
        if invitation_id is None or answer not in {"accept", "decline"}:
            messages.error(request, "Choose Accept or Decline for one of the invitations.")
            return redirect("cocreators:invitations")
        service = cocreators.creator_invitation_accept if answer == "accept" else cocreators.creator_invitation_decline
        try:
            invitation = service(actor=request.user, invitation_id=invitation_id)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
            return redirect("cocreators:invitations")
        title = invitation.target.title
        if answer == "accept":
            messages.success(request, f"You are now credited as {invitation.pseud.name} on “{title}”.")
            return redirect(invitation.target)
        messages.success(request, f"You declined the invitation to “{title}”. You are not credited on it.")
        return redirect("cocreators:invitations")
    return render(request, "works/invitations.html", {"invitations": selectors.invitations_pending_for(request.user)})


def _credits_post(request: HttpRequest, target: Work | Series) -> None:
    """One button of the credits page: remove a creator, cancel an invitation, or (series) invite."""
    is_work = isinstance(target, Work)
    try:
        if (pseud_id := _int(request.POST.get("remove"))) is not None:
            if is_work:
                cocreators.work_creator_remove(actor=request.user, work=target, pseud_id=pseud_id)
            else:
                cocreators.series_creator_remove(actor=request.user, series=target, pseud_id=pseud_id)
            messages.success(request, "The credit is removed.")
        elif (invitation_id := _int(request.POST.get("cancel"))) is not None:
            cocreators.creator_invitation_cancel(actor=request.user, target=target, invitation_id=invitation_id)
            messages.success(request, "The invitation is cancelled.")
        elif not is_work and "name" in request.POST:
            pseud = cocreators.series_creator_invite(actor=request.user, series=target, name=request.POST["name"])
            if pseud.user_id == request.user.pk:
                messages.success(request, f"{pseud.name} is credited on the series.")
            else:
                messages.success(request, f"{pseud.name} is invited. They are credited once they accept.")
        else:
            messages.error(request, "Nothing was chosen.")
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)


def _credits_page(request: HttpRequest, target: Work | Series, credits: list, back: str) -> HttpResponse:
    context = {
        "target": target,
        "is_work": isinstance(target, Work),
        "credits": credits,
        "pending": selectors.invitations_pending_on(target),
        "is_owner": target.owner_id == request.user.pk,
        "sole_creator": all(p.user_id == request.user.pk for p in credits),
        "back": back,
    }
    return render(request, "works/creators.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def work_creators(request: HttpRequest, work_id: int) -> HttpResponse:
    work = selectors.work_editable_or_404(request.user, work_id)
    if request.method == "POST":
        _credits_post(request, work)
        if selectors.is_creator(request.user, work):
            return redirect("works:creators", work_id=work.pk)
        return redirect(reverse("accounts:user", kwargs={"username": request.user.username}))
    return _credits_page(request, work, selectors.work_credits(work), work.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def series_creators(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.series_of_creator_or_404(request.user, series_id)
    if request.method == "POST":
        _credits_post(request, series)
        if selectors.is_series_creator(request.user, series):
            return redirect("series:creators", series_id=series.pk)
        return redirect(reverse("accounts:user", kwargs={"username": request.user.username}))
    return _credits_page(request, series, selectors.series_credits(series), series.get_absolute_url())
