"""Starter texts for the demo archive's policies, written for Scriptorium's demo (Markdown). They are a place
to start from, not legal advice: an operator rewrites them for their own archive in the policy editor."""

from __future__ import annotations

TERMS = """\
This archive is a place to share fan works and to read them. By making an account, or by posting anything
here, you agree to these terms.

## Your account

- You must be old enough to agree to these terms where you live, and at least 13.
- Keep your password to yourself. What is posted from your account is your responsibility.
- One person may have several pseuds, but may not use them to get around a block or a suspension.

## What you post

- You keep the rights to what you create. You let the archive store it, show it and offer it as a download
  for as long as you keep it here.
- Post only what you made, or what you have the right to share, and follow the
  [Content Policy](/content-policy).
- Rate and tag your works honestly, so readers can choose what they read.

## How we treat each other

No harassment, threats or spam. Use blocks, mutes and the report links when something is wrong; the
moderators look at every report.

## When things go wrong

Moderators may hide works or comments, suspend or close accounts that break these terms, and tell you why.
You can answer once, and a moderator reads the answer.

## Changes

When these terms change in a way that matters, you will be asked to read and accept them at your next visit.
Earlier versions stay readable.
"""

PRIVACY = """\
We keep as little about you as we can, and we never sell it.

## What we keep

- **Your account:** username, email address and password (stored scrambled, never readable).
- **What you post:** works, comments, bookmarks and your profile, shown as you chose.
- **Reading history**, only when you leave it switched on, visible only to you.
- **Guests' comments:** a name and an email address; the address is never shown.
- **Server logs** with addresses and times, kept for a few weeks to fight abuse.

## What we do with it

We use your email address to let you reset your password and, if you ask for it, to send notifications.
We do not show it to anyone, and we do not use advertising trackers.

## Your choices

You can download your works, delete them, delete your pseuds, and ask the operators to close your account.
"""

CONTENT = """\
Fan works of every kind are welcome, within these limits.

## Allowed

Fiction, poetry, essays and other fan works, about any fandom or original, at any rating, as long as they
are rated and tagged honestly.

## Not allowed

- Copying someone else's work and posting it as your own (plagiarism).
- Content that breaks the law where the archive is hosted.
- Harassment: works or comments aimed at hurting a real person.
- Spam and advertising.
- Works that hide what they are: wrong ratings, or warnings left out on purpose.

## Ratings and warnings

Choose the rating that fits. If you prefer not to warn, choose "Creator Chose Not To Use Archive Warnings";
readers then know to take care.

## Reports

Anyone can report a work, a comment or an account. Moderators decide, and say why.
"""

FAQ = """\
## Do I need an account to read?

No. Everything posted publicly can be read without one. Some works are for accounts only.

## What is a pseud?

A name you write under. Your account can have several; each work is credited to one or more of them.

## Why am I asked before reading some works?

Works rated Mature, Explicit or Not Rated ask before they open. You can turn this off in your preferences.

## Can I download works?

Yes: every work offers EPUB, PDF, HTML and other formats from its page.

## How do I report a problem?

Use the report link on the work, comment or profile, or write to the archive's operators.
"""

#: Policy kind (its address) -> starter text.
STARTER_TEXTS = {"terms": TERMS, "privacy": PRIVACY, "content-policy": CONTENT, "faq": FAQ}
