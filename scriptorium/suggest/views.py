"""Accept and reject suggestions: chips on the edit form post here (plain forms; suggest-chips.js sends the
same request with fetch and updates the page in place). The posting form's chips (no work yet) go back to
the posting view instead: ``suggest.posting``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from scriptorium.suggest import services
from scriptorium.suggest.selectors import work_suggestions
from scriptorium.works.selectors import work_editable_or_404


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@login_required
@require_POST
def decide(request: HttpRequest, work_id: int) -> HttpResponse:
    work = work_editable_or_404(request.user, work_id)
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
