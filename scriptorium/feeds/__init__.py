"""Atom feeds (RFC 4287) of what readers follow: a tag (with its synonyms and sub-tags), a creator, a series, a saved
search. The same visibility as the pages (the works querysets), conditional GET."""
