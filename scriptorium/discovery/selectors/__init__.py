"""Reads for the discovery pages. Every count and listing starts from ``reader_works``: the works the works pages
list for this reader, so a draft, a hidden work, a restricted one (for a guest) or one the reader muted or
excluded never shows and never counts."""
