"""Scriptorium's one settings module.

Every value an operator may change is read from the environment (or from a ``.env`` file in the working
directory, which the environment overrides). ``.env.example`` documents each variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from scriptorium.core.datadir import configured_secret_key, data_dir, served_address, static_root
from scriptorium.core.env import env_bool, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(Path.cwd() / ".env")

# --- Paths -----------------------------------------------------------------------------------------------
# Importing the settings creates nothing: `scriptorium` (scriptorium.cli) creates the data directory and the secret
# key file at start-up (scriptorium.core.datadir.prepare), and the code that writes files makes their folders.
DATA_DIR = data_dir()
MEDIA_ROOT = Path(env_str("SCRIPTORIUM_MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_ROOT = static_root(DATA_DIR)
MEDIA_URL = "/media/"
STATIC_URL = "/static/"

# The configured key, else the one `scriptorium` keeps in the data directory. A process started some other way
# before the command ever ran on this data directory (the test suite, for one) gets a key for its own lifetime.
SECRET_KEY = configured_secret_key(DATA_DIR) or secrets.token_urlsafe(50)
DEBUG = env_bool("SCRIPTORIUM_DEBUG", False)
ALLOWED_HOSTS = env_list("SCRIPTORIUM_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SCRIPTORIUM_CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SCRIPTORIUM_SITE_NAME", "Scriptorium")
#: Where the archive's software can be had (the footer's "Powered by Scriptorium" links there): the source of the
#: version this archive runs, as the AGPL asks of a modified one. None by default (the credit is then plain text).
SCRIPTORIUM_SOURCE_URL = env_str("SCRIPTORIUM_SOURCE_URL", "")

# --- Applications ----------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    # core before django_tasks_db: its `db_worker` (recovering the tasks of dead workers) replaces the package's.
    "scriptorium.core",
    "django_tasks_db",
    "scriptorium.invitations",
    "scriptorium.accounts",
    "scriptorium.policies",
    "scriptorium.comfort",
    "scriptorium.tags",
    "scriptorium.skins",
    "scriptorium.works",
    "scriptorium.transfer",
    "scriptorium.claims",
    "scriptorium.blocklists",
    "scriptorium.interactions",
    "scriptorium.search",
    "scriptorium.suggest",
    "scriptorium.moderation",
    "scriptorium.discovery",
    "scriptorium.efiction",
    "scriptorium.notifications",
    "scriptorium.stats",
    "scriptorium.feeds",
    "scriptorium.api",
    "scriptorium.opds",
    "scriptorium.kosync",
    "scriptorium.dataexport",
    "scriptorium.leaving",
    "scriptorium.pagecache",
    "scriptorium.demo",
    "scriptorium.backups",
    # After the archive's apps, so that scriptorium/accounts/templates/account/ draws allauth's pages.
    "allauth",
    "allauth.account",
    "allauth.usersessions",  # the list of an account's sessions, "log out everywhere else"
    "allauth.mfa",  # two-factor sign-in: an authenticator app (TOTP) and recovery codes
    "rest_framework",  # the API (scriptorium/api)
    "drf_spectacular",  # its OpenAPI schema
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "scriptorium.core.middleware.PermissionsPolicyMiddleware",
    # Accounts accept changed terms before going on (the policy pages, logging out and files stay reachable).
    "scriptorium.policies.middleware.TermsAcceptanceMiddleware",
    # Staff turn on two-factor sign-in first, when SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF says so.
    "scriptorium.accounts.middleware.StaffTwoFactorMiddleware",
    # /users/OLDNAME/... leads to a renamed account's pages for SCRIPTORIUM_USERNAME_REDIRECT_DAYS.
    "scriptorium.accounts.redirects.FormerUsernameRedirectMiddleware",
    # Last: it answers guests' pages from the page cache after every middleware above has seen the request,
    # and each of them still sees the answer (CSP, CSRF cookie, security headers are added fresh).
    "scriptorium.pagecache.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "scriptorium.urls"
WSGI_APPLICATION = "scriptorium.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # log in by username or email address
]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scriptorium.core.context_processors.site",
                "scriptorium.notifications.context_processors.unread",
                "scriptorium.comfort.context_processors.reading_style",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'scriptorium.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("SCRIPTORIUM_DB_CONN_MAX_AGE", 60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN, so two
    # writers queue on the busy timeout instead of failing with "database is locked" halfway through.
    # A writer waits up to 30 s for its turn (docs/performance.md, "Writers at once on SQLite").
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
        " PRAGMA foreign_keys=ON;",
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the site runs short statements (a search is several), and compiling one costs more than running
    # it; the planner asks for JIT whenever it prices a plan high, such as a count over a large tag.
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"]["options"] = f"{_db['OPTIONS'].get('options', '')} -c jit=off".strip()
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------------------
CACHE_URL = env_str("SCRIPTORIUM_CACHE_URL", "")
# Rendered fragments (work blurbs) are keyed by a fingerprint of their content, so they never go stale; they
# live apart from "default" so that culling them can never drop buffered hits.
FRAGMENT_CACHE_TIMEOUT = 7 * 24 * 3600
if CACHE_URL.startswith("redis://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL},
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "fragments",
            "TIMEOUT": FRAGMENT_CACHE_TIMEOUT,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Hits are buffered here between flushes (scriptorium.interactions.services.hits): room for a busy day.
            "OPTIONS": {"MAX_ENTRIES": env_int("SCRIPTORIUM_CACHE_MAX_ENTRIES", 200_000)},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",  # LocMem caches with the same LOCATION share their storage
            "TIMEOUT": FRAGMENT_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": env_int("SCRIPTORIUM_FRAGMENT_CACHE_MAX_ENTRIES", 5_000)},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": env_int("SCRIPTORIUM_PAGE_CACHE_MAX_ENTRIES", 2_000)},
        },
    }

# --- The guest page cache (scriptorium.pagecache; docs/performance.md, "Page cache") -------------------------
#: Guests' pages (home, works, chapters, listings, search) answered from the "pages" cache; off to debug.
SCRIPTORIUM_PAGE_CACHE = env_bool("SCRIPTORIUM_PAGE_CACHE", True)
#: How long a cached page may live at most. Changes reach it at once through the domain events; only the
#: counters in listings (kudos, comments, bookmarks) and hits wait for this (hits also for their flush).
SCRIPTORIUM_PAGE_CACHE_SECONDS = env_int("SCRIPTORIUM_PAGE_CACHE_SECONDS", 60)
#: ``s-maxage`` for a proxy in front (nginx's micro-cache): 0 keeps proxies from serving a page the events
#: have since changed; a second or two is the usual micro-cache, at that much staleness.
SCRIPTORIUM_PAGE_CACHE_PROXY_SECONDS = env_int("SCRIPTORIUM_PAGE_CACHE_PROXY_SECONDS", 0)
#: Where the pages' generations live: a shared cache (Redis) is seen by every process; the per-process memory
#: cache is not, so without Redis they are kept in the database (one small query per cached answer).
SCRIPTORIUM_PAGE_GENERATIONS = "cache" if CACHE_URL.startswith("redis://") else "database"

# --- Background tasks ------------------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("SCRIPTORIUM_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
#: A task running this long in a worker this machine cannot check (another host) counts as abandoned: the next
#: worker to start queues it again (scriptorium.core.workers). Workers on this machine are checked directly.
SCRIPTORIUM_TASK_STALE_SECONDS = env_int("SCRIPTORIUM_TASK_STALE_SECONDS", 6 * 60 * 60)

# --- Search --------------------------------------------------------------------------------------------
# The embedded backend (SQLite FTS5) on SQLite, PostgreSQL full-text search on PostgreSQL (docs/search.md).
_SEARCH_DEFAULT = (
    "scriptorium.search.backends.postgres.PostgresSearchBackend"
    if _db["ENGINE"].endswith("postgresql")
    else "scriptorium.search.backends.sqlite.SQLiteSearchBackend"
)
SCRIPTORIUM_SEARCH = {"default": {"BACKEND": env_str("SCRIPTORIUM_SEARCH_BACKEND", _SEARCH_DEFAULT)}}

# --- Security --------------------------------------------------------------------------------------------
#: The archive's public address, for the links made where no request tells it (downloads built in the background,
#: the command line's import reports, emails, data exports); pages use the address they were asked on. Unset, it is
#: the address `scriptorium serve` last served on (kept in the data directory), else http://127.0.0.1:8000. An
#: https address means the archive is served over HTTPS: secure cookies, the redirect to HTTPS and HSTS are then on
#: unless a setting below says otherwise.
SCRIPTORIUM_BASE_URL = (
    env_str("SCRIPTORIUM_BASE_URL", "") or served_address(DATA_DIR) or "http://127.0.0.1:8000"
).rstrip("/")
_HTTPS = SCRIPTORIUM_BASE_URL.lower().startswith("https://")
SESSION_COOKIE_SECURE = env_bool("SCRIPTORIUM_SECURE_COOKIES", _HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SCRIPTORIUM_SSL_REDIRECT", _HTTPS)
SECURE_HSTS_SECONDS = env_int("SCRIPTORIUM_HSTS_SECONDS", 31_536_000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SCRIPTORIUM_HSTS_INCLUDE_SUBDOMAINS", True)
# Asking browsers to preload HTTPS for the domain is a commitment only the operator can make (it is hard to
# undo), so it stays off unless asked for, and Django's reminder about it (security.W021) is not shown.
SECURE_HSTS_PRELOAD = env_bool("SCRIPTORIUM_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
#: Features of the browser no page of the archive uses, refused for every page (the Permissions-Policy header).
SCRIPTORIUM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SCRIPTORIUM_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
#: Whether readers' browsers may load images that user HTML takes from other sites (tracking pixels among them).
#: Off: such an image is shown as a link with its alt text (core/sanitize.py) and the CSP refuses it anyway.
SCRIPTORIUM_REMOTE_IMAGES = env_bool("SCRIPTORIUM_REMOTE_IMAGES", False)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "https:"] if SCRIPTORIUM_REMOTE_IMAGES else [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
#: Argon2 for new and changed passwords; older hashes (PBKDF2) still verify and are rehashed with Argon2 at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Static files ----------------------------------------------------------------------------------------
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str("SCRIPTORIUM_STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}

# --- Internationalisation --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env_str("SCRIPTORIUM_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Email -----------------------------------------------------------------------------------------------
_MAIL = "smtp" if _HTTPS else "console"
MAILERS = {
    "default": {
        # Printed to the console on a local archive; sent over SMTP (SCRIPTORIUM_EMAIL_HOST, default localhost)
        # once it is served over HTTPS, where email must really leave.
        "BACKEND": env_str("SCRIPTORIUM_EMAIL_BACKEND", f"django.core.mail.backends.{_MAIL}.EmailBackend"),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": env_str("SCRIPTORIUM_EMAIL_HOST", ""),
                "port": env_int("SCRIPTORIUM_EMAIL_PORT", 0) or None,
                "username": env_str("SCRIPTORIUM_EMAIL_USER", ""),
                "password": env_str("SCRIPTORIUM_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("SCRIPTORIUM_EMAIL_TLS", False) or None,
            }.items()
            if value
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("SCRIPTORIUM_FROM_EMAIL", "archive@localhost")

# --- Accounts: sign-up, log-in, passwords, email addresses (django-allauth; docs/accounts.md) ------------------
ACCOUNT_ADAPTER = "scriptorium.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "scriptorium.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {
    "add_email": "scriptorium.accounts.allauth_forms.AddEmailForm",
    "login": "scriptorium.accounts.allauth_forms.LoginForm",
    "signup": "scriptorium.accounts.allauth_forms.SignupForm",
    "change_password": "scriptorium.accounts.allauth_forms.ChangePasswordForm",
    "reset_password": "scriptorium.accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "scriptorium.accounts.allauth_forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
#: Whether a new account must confirm its email address before logging in: "mandatory", "optional" (a link is
#: sent, nothing waits for it) or "none". Mandatory by default on an archive served over HTTPS (in public): only
#: then can sign-up answer the same for a taken address and a new one (the details go by email).
ACCOUNT_EMAIL_VERIFICATION = env_str("SCRIPTORIUM_EMAIL_VERIFICATION", "mandatory" if _HTTPS else "optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account; a new one replaces it once confirmed from the new address
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell the account when its password or address changes
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
#: How long a password-reset link works, in seconds (it also stops working once used or after a log-in).
PASSWORD_RESET_TIMEOUT = env_int("SCRIPTORIUM_PASSWORD_RESET_SECONDS", 24 * 3600)
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if _HTTPS else "http"
#: Failed log-ins per address and per account ("<count>/<period>/<ip|key>", comma-separated); then refused,
#: even with the right password, until the period has passed. An email tells the account the first time.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("SCRIPTORIUM_LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
    "reset_password": env_str("SCRIPTORIUM_PASSWORD_RESET_RATE", "20/m/ip,5/m/key"),
    "signup": env_str("SCRIPTORIUM_SIGNUP_RATE", "20/m/ip"),
}

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
#: A code from the 30-second step just before or after the server's clock still counts (RFC 6238's allowance
#: for clock drift and typing time); each code still works once.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "activate_totp": "scriptorium.accounts.mfa_forms.ActivateTOTPForm",
    "authenticate": "scriptorium.accounts.mfa_forms.AuthenticateForm",
    "reauthenticate": "scriptorium.accounts.mfa_forms.ReauthenticateForm",
}
#: Whether administrators, moderators and tag wranglers must turn on two-factor sign-in before using the site.
SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF = env_bool("SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF", False)

# --- Archive behaviour -----------------------------------------------------------------------------------
#: Largest file an import accepts, in bytes (10 MB by default).
SCRIPTORIUM_IMPORT_MAX_BYTES = env_int("SCRIPTORIUM_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
SCRIPTORIUM_IMPORT_MAX_FILES = env_int("SCRIPTORIUM_IMPORT_MAX_FILES", 50)
#: The account that owns imported works when no creator is named.
SCRIPTORIUM_IMPORT_ACCOUNT = env_str("SCRIPTORIUM_IMPORT_ACCOUNT", "archive-import")
#: Download formats built in the background after each change ("all", or a list such as "epub,html");
#: the others are built on first request.
_prebuild = env_list("SCRIPTORIUM_DOWNLOAD_PREBUILD", ["all"])
SCRIPTORIUM_DOWNLOAD_PREBUILD = None if _prebuild == ["all"] else tuple(_prebuild)
#: How many downloads one reader (an account, or a guest's address) may have waiting to be built at once;
#: asking for more answers "too many downloads being prepared" (429) until one is ready.
SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT = env_int("SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT", 3)
#: Works per page on listings.
SCRIPTORIUM_WORKS_PER_PAGE = env_int("SCRIPTORIUM_WORKS_PER_PAGE", 20)
#: How many works a wrangling change refreshes inline; larger changes go to a background task.
SCRIPTORIUM_TAG_FILTERS_INLINE_MAX = env_int("SCRIPTORIUM_TAG_FILTERS_INLINE_MAX", 500)
#: Whether visitors may create accounts themselves (off closes sign-up whatever SCRIPTORIUM_SIGNUP_MODE says).
SCRIPTORIUM_OPEN_SIGNUP = env_bool("SCRIPTORIUM_OPEN_SIGNUP", True)
#: Who may sign up (scriptorium.invitations): "open", "invite" (an invitation code needed), "queue" (a code
#: needed; anyone may ask for one at /invite_requests and the queue sends SCRIPTORIUM_INVITE_QUEUE_PER_DAY a day)
#: or "closed".
SCRIPTORIUM_SIGNUP_MODE = env_str("SCRIPTORIUM_SIGNUP_MODE", "open").strip().lower()
SCRIPTORIUM_INVITE_QUEUE_PER_DAY = env_int("SCRIPTORIUM_INVITE_QUEUE_PER_DAY", 10)
#: Days between two changes of an account's username, and days its old username still leads to it (301) and
#: stays reserved for it.
SCRIPTORIUM_USERNAME_CHANGE_DAYS = env_int("SCRIPTORIUM_USERNAME_CHANGE_DAYS", 7)
SCRIPTORIUM_USERNAME_REDIRECT_DAYS = env_int("SCRIPTORIUM_USERNAME_REDIRECT_DAYS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(SCRIPTORIUM_IMPORT_MAX_BYTES + 1024 * 1024, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Readers: kudos, comments, hits (scriptorium.interactions) ---------------------------------------------
#: Behind a reverse proxy, the reader's address is the last one in X-Forwarded-For (the proxy adds it).
SCRIPTORIUM_BEHIND_PROXY = env_bool("SCRIPTORIUM_BEHIND_PROXY", False)
#: How many comments, reports and new accounts' works may be sent per period: "<count>/<s|m|h|d or seconds>".
SCRIPTORIUM_RATE_LIMITS = {
    "comment_account": env_str("SCRIPTORIUM_COMMENT_RATE_ACCOUNT", "3/m"),
    "comment_guest": env_str("SCRIPTORIUM_COMMENT_RATE_GUEST", "1/m"),
    "report_account": env_str("SCRIPTORIUM_REPORT_RATE_ACCOUNT", "10/h"),
    "report_guest": env_str("SCRIPTORIUM_REPORT_RATE_GUEST", "3/h"),
    "new_account_work": env_str("SCRIPTORIUM_NEW_ACCOUNT_WORK_RATE", "3/h"),
    "new_account_comment": env_str("SCRIPTORIUM_NEW_ACCOUNT_COMMENT_RATE", "10/h"),
    # Invitation requests (the queue): per email address asked for, and per person asking.
    "invite_request": env_str("SCRIPTORIUM_INVITE_REQUEST_RATE", "3/d"),
    "invite_request_client": env_str("SCRIPTORIUM_INVITE_REQUEST_RATE_CLIENT", "10/h"),
    # KOReader sync (scriptorium.kosync): refused sign-ins per address, and per username asked for.
    "kosync_auth": env_str("SCRIPTORIUM_KOSYNC_AUTH_RATE", "10/m"),
}
#: KOReader's "Register" button: off answers as its sync server does with registration closed; on, a device may
#: ask to pair with an account, which the account confirms on /account/kosync.
SCRIPTORIUM_KOSYNC_REGISTRATION = env_bool("SCRIPTORIUM_KOSYNC_REGISTRATION", False)
#: Accounts younger than this many days (staff excepted) post works and comments within the new_account_* rates
#: above, besides the others (0: no new-account limits).
SCRIPTORIUM_NEW_ACCOUNT_DAYS = env_int("SCRIPTORIUM_NEW_ACCOUNT_DAYS", 7)
#: The spam check comments, works, bookmarks and pseud descriptions pass: a dotted path to a
#: ``scriptorium.core.spam.SpamCheck`` (``scriptorium.interactions.spam`` names the same classes) and its options.
SCRIPTORIUM_SPAM_CHECK = {
    "BACKEND": env_str("SCRIPTORIUM_SPAM_CHECK", "scriptorium.core.spam.HeuristicSpamCheck"),
    "OPTIONS": {},
}
#: Seconds between flushes of the hits buffered in the cache into the works' counters (0: only on command).
SCRIPTORIUM_HITS_FLUSH_SECONDS = env_int("SCRIPTORIUM_HITS_FLUSH_SECONDS", 300)
#: Readings of works are noted in the cache and written to the history by a flush (no write on the reading
#: path); each server process flushes its own every so many seconds, and the history pages flush first.
SCRIPTORIUM_HISTORY_BUFFER = env_bool("SCRIPTORIUM_HISTORY_BUFFER", True)
SCRIPTORIUM_HISTORY_FLUSH_SECONDS = env_int("SCRIPTORIUM_HISTORY_FLUSH_SECONDS", 5)
#: Seconds between runs of the notifications task: saved-search subscriptions, then due email digests.
SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS = env_int("SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS", 3600)

# --- Backups (scriptorium.backups) -------------------------------------------------------------------------
#: A folder for scheduled backups, written by the task worker (empty: no schedule; `scriptorium backup DEST`
#: works either way).
SCRIPTORIUM_BACKUP_DIR = env_str("SCRIPTORIUM_BACKUP_DIR", "")
#: How often a scheduled backup is made: "hourly", "daily", "weekly" or a number of seconds.
SCRIPTORIUM_BACKUP_EVERY = env_str("SCRIPTORIUM_BACKUP_EVERY", "daily")
#: How many scheduled backups the folder keeps (the newest; older ones are removed after each new one).
SCRIPTORIUM_BACKUP_KEEP = env_int("SCRIPTORIUM_BACKUP_KEEP", 7)

# --- Data exports (scriptorium.dataexport) ---------------------------------------------------------------
#: Days an account's data export (/account/export) may be downloaded once ready; it is deleted after.
SCRIPTORIUM_EXPORT_DAYS = env_int("SCRIPTORIUM_EXPORT_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SCRIPTORIUM_LOG_LEVEL", "WARNING")},
}

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scriptorium.settings")


# The REST API (scriptorium/api): tokens or the session, JSON, rate limits per account and per address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "scriptorium.api.authentication.BearerTokenAuthentication",  # first: its 401 names the Bearer scheme
        "rest_framework.authentication.SessionAuthentication",  # CSRF checked on writes
    ],
    "DEFAULT_PERMISSION_CLASSES": ["scriptorium.api.authentication.TokenScopeAllows"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "scriptorium.api.throttling.AddressRateThrottle",
        "scriptorium.api.throttling.AccountRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("SCRIPTORIUM_API_RATE_GUEST", "120/min"),
        "user": env_str("SCRIPTORIUM_API_RATE_ACCOUNT", "600/min"),
    },
    # A guest's address: REMOTE_ADDR, or behind a proxy the last X-Forwarded-For entry (never one a client wrote).
    "NUM_PROXIES": 1 if SCRIPTORIUM_BEHIND_PROXY else 0,
    "DEFAULT_SCHEMA_CLASS": "scriptorium.api.schema.ApiSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Scriptorium API",
    "DESCRIPTION": (
        "Read the archive as the pages show it to you (works, chapters, tags, series) and act on it as on the pages "
        "(bookmarks, kudos, comments, subscriptions, Marked for Later, history)."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
