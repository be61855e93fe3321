from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "scriptorium.pagecache"
    label = "pagecache"
    verbose_name = "Guest page cache"

    def ready(self) -> None:
        from scriptorium.pagecache import receivers  # noqa: F401 - connects the receivers
