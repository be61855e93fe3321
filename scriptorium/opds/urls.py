"""The catalogs' addresses: OPDS 1.2 under /opds, OPDS 2.0 under /opds/v2, each also under
/…/personal/<token> for an account's personal catalog (its private feed token, as its saved searches' feeds).

URL names: ``v1_…``/``v2_…`` (public) and ``p1_…``/``p2_…`` (personal); ``catalog.Addresses`` picks them."""

from django.urls import path

from scriptorium.opds import views

app_name = "opds"

#: (route after the catalog's base, view, extra arguments, name, personal only)
ROUTES = [
    ("", views.root, {}, "root", False),
    ("/works", views.works, {}, "works", False),
    ("/fandoms", views.navigation, {"which": "fandoms"}, "fandoms", False),
    ("/tags", views.navigation, {"which": "tags"}, "tags", False),
    ("/languages", views.navigation, {"which": "languages"}, "languages", False),
    ("/tags/<tag:name>", views.tag, {}, "tag", False),
    ("/works/<int:work_id>", views.publication, {}, "publication", False),
    ("/opensearch.xml", views.opensearch, {}, "opensearch", False),
    ("/covers/<int:work_id>.png", views.cover, {"variant": "full"}, "cover", False),
    ("/covers/<int:work_id>/thumbnail.png", views.cover, {"variant": "thumbnail"}, "thumbnail", False),
    ("/works/<int:work_id>/download/<str:slug>.<str:extension>", views.download, {}, "download", True),
    ("/later", views.shelf, {"which": "later"}, "later", True),
    ("/subscriptions", views.shelf, {"which": "subscriptions"}, "subscriptions", True),
    ("/bookmarks", views.shelf, {"which": "bookmarks"}, "bookmarks", True),
    ("/history", views.shelf, {"which": "history"}, "history", True),
]

urlpatterns = []
for _version, _base in ((2, "opds/v2"), (1, "opds")):
    for _personal in (True, False):
        _prefix = f"{_base}/personal/<str:token>" if _personal else _base
        for _route, _view, _extra, _name, _only_personal in ROUTES:
            if _only_personal and not _personal:
                continue
            urlpatterns.append(
                path(
                    _prefix + _route,
                    _view,
                    {"version": _version, **_extra},
                    name=f"{'p' if _personal else 'v'}{_version}_{_name}",
                )
            )
