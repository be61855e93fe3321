"""The search benchmark: an AO3-shaped synthetic archive (``corpus``) and a fixed query mix timed against the
configured search backend (``queries``, ``runner``). Commands: ``scriptorium bench corpus`` and
``scriptorium bench search``; figures and commands in docs/performance.md ("Search")."""
