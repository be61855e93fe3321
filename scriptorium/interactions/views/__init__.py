"""The interactions pages, one module per concern: ``kudos``, ``comments``, ``bookmarks``, ``reading`` (history,
Marked for Later, the reading position) and ``relations`` (blocking and muting). Thin: parse, call a selector
or a service, render."""
