from django.contrib import admin
from django.urls import include, path, register_converter

from scriptorium.tags.converters import TagNameConverter
from scriptorium.works.views import reading

register_converter(TagNameConverter, "tag")

urlpatterns = [
    path("", reading.home, name="home"),
    path("", include("scriptorium.accounts.urls")),
    path("", include("scriptorium.accounts.signin_urls")),  # allauth: passwords, email addresses
    path("", include("scriptorium.policies.urls")),  # /terms, /privacy, /content-policy, /faq
    path("", include("scriptorium.comfort.urls")),  # /reading-settings, /reading.css (a reader's theme and fonts)
    path("", include("scriptorium.skins.urls")),  # /skins: creators' work skins, hiding them
    path("", include("scriptorium.invitations.urls")),
    path("", include("scriptorium.leaving.urls")),
    path("", include("scriptorium.dataexport.urls")),
    path("works/", include("scriptorium.search.urls")),  # /works/search…, before the works pages
    path("works/", include("scriptorium.works.urls")),
    path("works/", include("scriptorium.transfer.urls")),
    path("works/", include("scriptorium.suggest.urls")),
    path("series/", include("scriptorium.works.series_urls")),
    path("", include("scriptorium.works.account_urls")),  # /account/co-creator-invitations
    # An author known by name only (works archived on their behalf), at AO3's address.
    path("external_authors/<int:external_author_id>", reading.external_author_detail, name="external_author"),
    # /media, /fandoms/<name>, /people/search, /bookmarks/search, /tags/search (before the tags' own pages)
    path("", include("scriptorium.discovery.urls")),
    path("tags/", include("scriptorium.tags.urls")),
    path("", include("scriptorium.interactions.urls")),
    path("", include("scriptorium.search.shelf_urls")),  # /account/shelf/<status> (a reader's reading-status shelf)
    path("", include("scriptorium.blocklists.urls")),  # /account/blocklist (a reader's permanent rules)
    path("", include("scriptorium.notifications.urls")),
    path("", include("scriptorium.stats.urls")),
    path("wrangling/", include("scriptorium.tags.wrangling_urls")),
    path("moderation/", include("scriptorium.moderation.urls")),
    path("", include("scriptorium.claims.urls")),  # claims of archived works by their authors
    path("api/", include("scriptorium.api.urls")),
    path("", include("scriptorium.api.account_urls")),  # /account/api-tokens
    path("", include("scriptorium.kosync.account_urls")),  # /account/kosync (the KOReader sync key)
    path("", include("scriptorium.feeds.urls")),
    path("", include("scriptorium.opds.urls")),  # /opds (OPDS 1.2), /opds/v2 (OPDS 2.0)
    path("kosync/", include("scriptorium.kosync.urls")),  # KOReader's progress sync
    path("admin/", admin.site.urls),
]
