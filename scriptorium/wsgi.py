"""WSGI entry point for granian (``scriptorium serve``) or any WSGI server."""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

from scriptorium.core.datadir import prepare
from scriptorium.core.env import load_dotenv

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scriptorium.settings")
# A server started on this module directly (not through `scriptorium serve`) gets the data directory and the
# kept secret key too, so its worker processes share one key and sessions carry between them.
load_dotenv(Path.cwd() / ".env")
prepare()
application = get_wsgi_application()

# Each server process flushes the hits it buffered (the default cache is per process).
from scriptorium.interactions.services.hits import enable_background_flush  # noqa: E402

enable_background_flush()
