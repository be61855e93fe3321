"""Leaving the archive: deleting an account, each work deleted or orphaned to the orphan account, with an audit
line that keeps no personal data. Above every domain app (it removes an account's traces from each)."""
