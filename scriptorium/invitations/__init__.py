"""Who may sign up: open sign-up, invitation only, or a queue that releases invitations each day; invitation codes
given by accounts and issued in bulk by admins. Below ``accounts`` (sign-up asks it), above ``core``."""
