"""WSGI entry point for granian (``scriptorium serve``) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scriptorium.settings")
application = get_wsgi_application()

# Each server process flushes the hits it buffered (the default cache is per process).
from scriptorium.interactions.services.hits import enable_background_flush  # noqa: E402

enable_background_flush()
