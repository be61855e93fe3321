"""Accept and reject suggestions: chips on the edit form post here (plain forms; suggest-chips.js sends the
same request with fetch and updates the page in place)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scriptorium.core.text import user_text_to_html
from scriptorium.suggest import services
from scriptorium.suggest.selectors import chips_for_text, work_suggestions
from scriptorium.works.models import Work

_MULTI = ("warnings", "categories")
_TEXT_FIELDS = ("fandoms", "characters", "relationships", "additional_tags")


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@login_required
@require_POST
def decide(request: HttpRequest, work_id: int) -> HttpResponse:
    work = get_object_or_404(Work.objects.editable_by(request.user), pk=work_id)
    field_name = request.POST.get("field", "")
    name = request.POST.get("name", "")
    decision = request.POST.get("decision", "")
    try:
        if decision not in ("accept", "reject"):
            raise ValidationError("Choose to accept or to reject the suggestion.")
        suggestions = work_suggestions(work)
        if decision == "accept":
            services.suggestion_accept(
                actor=request.user, work=work, field_name=field_name, name=name, suggestions=suggestions
            )
            text = f"“{name}” is added to the work."
        else:
            services.suggestion_reject(
                actor=request.user, work=work, field_name=field_name, name=name, suggestions=suggestions
            )
            text = f"“{name}” will not be suggested for this work again."
    except ValidationError as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("works:edit", kwargs={"work_id": work.pk}) + "#suggestions")
    if _wants_json(request):
        return JsonResponse({"ok": True, "field": field_name, "name": name, "decision": decision, "message": text})
    messages.success(request, text)
    return redirect(reverse("works:edit", kwargs={"work_id": work.pk}) + "#suggestions")


def _with_choice(data: QueryDict, field_name: str, name: str) -> None:
    """Put an accepted suggestion into the posted form data (the posting form, before anything is saved)."""
    if field_name in _TEXT_FIELDS:
        current = [t.strip() for t in data.get(field_name, "").split(",") if t.strip()]
        if name.casefold() not in {t.casefold() for t in current}:
            current.append(name)
        data[field_name] = ", ".join(current)
    elif field_name in _MULTI:
        values = data.getlist(field_name)
        if name not in values:
            data.setlist(field_name, [*values, name])
    elif field_name in ("rating", "language"):
        data[field_name] = name


def new_work_suggestions(request: HttpRequest, form_class: type, template: str) -> HttpResponse | None:
    """The posting form's "Suggest tags" and chip buttons: nothing is saved; the form comes back with the
    suggestions (and, for an accepted one, the field filled in). None when the request is a normal post."""
    choice = request.POST.get("suggestion", "")
    if request.POST.get("action") != "suggest" and not choice:
        return None
    data = request.POST.copy()
    rejected = {tuple(v.split("|", 1)) for v in data.getlist("rejected") if "|" in v}
    if choice.count("|") >= 2:
        decision, field_name, name = choice.split("|", 2)
        try:
            name = services._check_choice(field_name, name)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if decision == "accept":
                _with_choice(data, field_name, name)
            else:
                rejected.add((field_name, name))
                data.appendlist("rejected", f"{field_name}|{name}")
            services.suggestion_feedback_record(
                actor=request.user,
                work=None,
                field_name=field_name,
                name=name,
                decision="accepted" if decision == "accept" else "rejected",
            )
    present = (
        {f: {t.strip() for t in data.get(f, "").split(",") if t.strip()} for f in _TEXT_FIELDS}
        | {f: set(data.getlist(f)) for f in _MULTI}
        | {"rating": {data.get("rating", "")}, "language": {data.get("language", "")}}
    )
    text = _plain(data.get("text", ""))
    summary = _plain(data.get("summary", ""))
    board = chips_for_text(text=text, summary=summary, present=present, rejected=rejected)
    form = form_class(data, user=request.user)
    form.is_valid()  # fills cleaned_data for the template; errors are not shown for a suggestion round
    form._errors = {}
    context = {"form": form, "work": None, "chips": board, "rejected": sorted(f"{f}|{n}" for f, n in rejected)}
    return render(request, template, context)


def _plain(value: str) -> str:
    from scriptorium.core.text import html_to_text

    return html_to_text(user_text_to_html(value)) if value.strip() else ""
