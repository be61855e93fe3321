"""An account's data as one ZIP, built in the background: profile, pseuds, works (EPUB, HTML, JSON), bookmarks,
comments, kudos, history, subscriptions, saved searches, excluded tags. Above every domain app."""
