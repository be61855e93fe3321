"""Query parameters: an endpoint names the ones it takes; any other is a 400 that names it (a typo is never
silently ignored). The page size is capped."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError

#: Results per page when the client does not say, and the most it may ask for (more is capped, not refused).
PAGE_SIZE = 20
PAGE_SIZE_MAX = 100


class KnownParamsMixin:
    #: Query parameters this view takes.
    query_params: frozenset[str] = frozenset()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.query_params)
        if unknown:
            allowed = ", ".join(sorted(self.query_params)) or "none"
            raise ValidationError(
                {name: [f"Unknown query parameter. This endpoint takes: {allowed}."] for name in unknown}
            )


def page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({"page_size": ["Give a whole number of results per page."]}) from None
    if size < 1:
        raise ValidationError({"page_size": ["Ask for at least one result per page."]})
    return min(size, PAGE_SIZE_MAX)
