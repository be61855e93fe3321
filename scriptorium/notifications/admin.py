from django.contrib import admin

from scriptorium.notifications.models import DigestSettings, Notification, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "kind", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("user", "work", "creator", "series", "tag", "saved_search")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("id", "recipient", "kind", "work", "updated_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "actor", "work", "chapter", "comment")


@admin.register(DigestSettings)
class DigestSettingsAdmin(admin.ModelAdmin):
    list_display = ("user", "frequency", "last_sent_at")
    raw_id_fields = ("user",)
