"""The reader's blocklist page (``/account/blocklist``): the rules by kind, a small form to add each kind, and
the file import and export. Server-rendered; nothing needs JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scriptorium.blocklists import selectors, services
from scriptorium.blocklists.forms import SECTIONS, ImportForm, section_forms
from scriptorium.blocklists.models import RULES_MAX
from scriptorium.core.forms import add_service_errors


def _page(request: HttpRequest, forms: list, import_form: ImportForm, *, status: int = 200) -> HttpResponse:
    rules = selectors.rules_of(request.user)
    by_kind: dict[str, list] = {}
    for rule in rules:
        by_kind.setdefault(rule.kind, []).append(rule)
    sections = [
        {"kind": kind, "title": title, "help": help_text, "form": form, "rules": by_kind.get(kind, [])}
        for (kind, title, help_text, _), form in zip(SECTIONS, forms, strict=True)
    ]
    context = {
        "sections": sections,
        "count": len(rules),
        "max_rules": RULES_MAX,
        "import_form": import_form,
    }
    return render(request, "blocklists/settings.html", context, status=status)


def _autocomplete_url() -> str:
    return reverse("tags:autocomplete", kwargs={"tag_type": "all"})


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "") if request.method == "POST" else ""
    forms = section_forms(request.POST if kind else None, posted_kind=kind, autocomplete_url=_autocomplete_url())
    posted = next((f for f in forms if f.kind == kind), None)
    if posted is not None and posted.is_valid():
        try:
            services.rule_add(user=request.user, rule=posted.rule())
        except ValidationError as error:
            add_service_errors(posted, error, renames={"text": "language"} if "language" in posted.fields else None)
        else:
            messages.success(request, "Rule added. Every listing you see leaves out the works it matches.")
            return HttpResponseRedirect(f"{reverse('blocklists:settings')}#{kind}")
    failed = posted is not None and bool(posted.errors)
    return _page(request, forms, ImportForm(), status=400 if failed else 200)


@login_required
@require_POST
def rule_remove(request: HttpRequest, rule_id: int) -> HttpResponse:
    try:
        services.rule_remove(user=request.user, rule_id=rule_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Rule removed.")
    return HttpResponseRedirect(reverse("blocklists:settings"))


@login_required
@require_POST
def rules_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.rules_import(user=request.user, content=form.cleaned_data["file"].read())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Imported {len(added)} new rule{'' if len(added) == 1 else 's'}.")
            return HttpResponseRedirect(reverse("blocklists:settings"))
    forms = section_forms(autocomplete_url=_autocomplete_url())
    return _page(request, forms, form, status=400)


@login_required
@require_GET
def rules_export(request: HttpRequest) -> HttpResponse:
    content = services.rules_export(rules=selectors.rules_of(request.user))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="blocklist.json"'
    return response
