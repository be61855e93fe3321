"""An account's own lists through the API: subscriptions, Marked for Later and the reading history, each as its
page shows it (the same selectors), changed through the same services (``notifications.services``,
``interactions.services``)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from scriptorium.api import interaction_serializers as s
from scriptorium.api.views.common import (
    ACCOUNT_READ_ERRORS,
    IF_NONE_MATCH,
    PAGE_PARAMS,
    WRITE_ERRORS,
    AccountView,
    id_param,
    known,
    paged,
    service_answers,
)
from scriptorium.interactions import selectors, services
from scriptorium.notifications import selectors as notification_selectors
from scriptorium.notifications import services as notification_services
from scriptorium.notifications.models.subscription import SubscriptionKind
from scriptorium.works import selectors as work_selectors

PAGED = frozenset({"cursor", "page_size"})
WORK_ID = id_param("work_id", "The work's id.")
READING_ID = id_param("reading_id", "The entry's own id (as the list gives it).")
KIND = OpenApiParameter(
    "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=SubscriptionKind.values, description="What it follows."
)
TARGET_ID = id_param("target_id", "The followed thing's id.")


def _entries(request, rows, **extra) -> dict:
    found, envelope = paged(request, rows, extra=extra)
    envelope["results"] = s.ReadingSerializer(found, many=True, context={"request": request}).data
    return envelope


class SubscriptionList(AccountView):
    """What you are subscribed to (works, creators, series, tags, saved searches), as your subscriptions page
    lists them; subscribe to one more (subscribing twice changes nothing: 200 instead of 201)."""

    query_params = PAGED

    @extend_schema(
        operation_id="subscriptions_list",
        parameters=[*PAGE_PARAMS, IF_NONE_MATCH],
        responses={200: s.SubscriptionPageSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request):
        rows = [
            sub for group in notification_selectors.subscriptions_by_kind(request.user) for sub in group.subscriptions
        ]
        found, envelope = paged(request, rows)
        envelope["results"] = s.SubscriptionSerializer(found, many=True).data
        return Response(envelope)

    @extend_schema(
        operation_id="subscriptions_create",
        request=s.SubscriptionInput,
        responses={200: s.SubscriptionSerializer, 201: s.SubscriptionSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        body = s.SubscriptionInput(data=request.data)
        body.is_valid(raise_exception=True)
        with service_answers():
            subscription, created = notification_services.subscription_create(actor=request.user, **body.validated_data)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(s.SubscriptionSerializer(subscription).data, status=code)


class SubscriptionDetail(AccountView):
    """Unsubscribe (also from a thing you may no longer see)."""

    @extend_schema(
        operation_id="subscription_destroy", parameters=[KIND, TARGET_ID], responses={204: None, **WRITE_ERRORS}
    )
    def delete(self, request, kind: str, target_id: int):
        known(target_id)
        if kind not in SubscriptionKind.values:
            raise Http404("Nothing of that kind.")
        with service_answers():
            deleted = notification_services.subscription_delete(actor=request.user, kind=kind, target_id=target_id)
        if not deleted:
            raise Http404("You were not subscribed to that.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class LaterList(AccountView):
    """Works you marked for later, most recently marked first (as the Marked for Later page); mark one more."""

    query_params = PAGED

    @extend_schema(
        operation_id="later_list",
        parameters=[*PAGE_PARAMS, IF_NONE_MATCH],
        responses={200: s.ReadingPageSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request):
        return Response(_entries(request, selectors.later_entries(request.user)))

    @extend_schema(
        operation_id="later_create", request=s.LaterInput, responses={201: s.ReadingSerializer, **WRITE_ERRORS}
    )
    def post(self, request):
        body = s.LaterInput(data=request.data)
        body.is_valid(raise_exception=True)
        work = work_selectors.work_listed_or_404(request.user, body.validated_data["work"])
        with service_answers():
            reading = services.later_mark(actor=request.user, work=work)
        entry = selectors.later_entries(request.user).get(pk=reading.pk)
        return Response(s.ReadingSerializer(entry, context={"request": request}).data, status=status.HTTP_201_CREATED)


class LaterDetail(AccountView):
    """Take a work off Marked for Later (its reading history stays)."""

    @extend_schema(operation_id="later_destroy", parameters=[WORK_ID], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, work_id: int):
        known(work_id)
        with service_answers():
            found = services.later_unmark(actor=request.user, work_id=work_id)
        if not found:
            raise Http404("That work is not marked for later.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class HistoryList(AccountView):
    """Your reading history, most recently read first, as your History page shows it; clear it all (works
    marked for later stay marked)."""

    query_params = PAGED

    @extend_schema(
        operation_id="history_list",
        parameters=[*PAGE_PARAMS, IF_NONE_MATCH],
        responses={200: s.HistoryPageSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request):
        services.history_flush()  # the readings still buffered, so the list shows the one just done
        enabled = selectors.history_enabled(request.user)
        return Response(_entries(request, selectors.history_entries(request.user), enabled=enabled))

    @extend_schema(
        operation_id="history_clear",
        responses={
            200: inline_serializer("HistoryCleared", {"forgotten": serializers.IntegerField()}),
            **WRITE_ERRORS,
        },
    )
    def delete(self, request):
        with service_answers():
            count = services.history_clear(actor=request.user)
        return Response({"forgotten": count})


class HistoryEntry(AccountView):
    """Forget one entry of your history, by its own id (a deleted work's entry has no work to name it by)."""

    @extend_schema(operation_id="history_entry_destroy", parameters=[READING_ID], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, reading_id: int):
        known(reading_id)
        with service_answers():
            found = services.history_entry_delete(actor=request.user, reading_id=reading_id)
        if not found:
            raise Http404("No such entry in your history.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class HistorySettings(AccountView):
    """Whether your history records the works you open; turn it on or off (what it holds stays)."""

    @extend_schema(
        operation_id="history_settings_retrieve",
        parameters=[IF_NONE_MATCH],
        responses={200: s.HistorySettingsSerializer, **ACCOUNT_READ_ERRORS},
    )
    def get(self, request):
        return Response({"enabled": selectors.history_enabled(request.user)})

    @extend_schema(
        operation_id="history_settings_update",
        request=s.HistorySettingsInput,
        responses={200: s.HistorySettingsSerializer, **WRITE_ERRORS},
    )
    def put(self, request):
        body = s.HistorySettingsInput(data=request.data)
        body.is_valid(raise_exception=True)
        with service_answers():
            services.history_set_enabled(actor=request.user, enabled=body.validated_data["enabled"])
        return Response({"enabled": selectors.history_enabled(request.user)})
