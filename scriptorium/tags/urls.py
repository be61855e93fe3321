from django.urls import path, re_path

from scriptorium.tags.views import pages, wrangling

app_name = "tags"
urlpatterns = [
    # Two segments, so no tag's own pages (/tags/<name>, /tags/<name>/works) are shadowed.
    re_path(
        r"^autocomplete/(?P<tag_type>fandom|character|relationship|additional|media|all)$",
        pages.tag_autocomplete,
        name="autocomplete",
    ),
    path("<tag:name>", pages.tag_detail, name="detail"),
    path("<tag:name>/works", pages.tag_works, name="works"),
    path("<tag:name>/wrangle", wrangling.tag_wrangle, name="wrangle"),
]
