"""Settings read from the environment.

With no DATABASE_URL / REDIS_URL the portal runs embedded: SQLite and Celery tasks executed
eagerly in the web process, so `make run` needs no server. With them, the same code uses
PostgreSQL and a real Celery worker over Redis (healthchecks' hc/settings.py is the model).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_email, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(env_str("PORTAL_SHARED_DIR", str(BASE_DIR.parent / "shared")))

DEBUG = env_bool("DEBUG", default=not env_bool("PORTAL_PRODUCTION"))
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY.strip():
    # issue 13: production must never run on the built-in key (check --deploy used to pass with it)
    if env_bool("PORTAL_PRODUCTION"):
        raise ImproperlyConfigured("PORTAL_PRODUCTION=1 needs SECRET_KEY in the environment (a long random string)")
    SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 20
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "portal",
    "clusters",
    "ministries",
    "proposals",
    "screening",
    "reviews",
    "library",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.SessionAbsoluteTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # axes last: it needs the authenticated user and answers lockouts itself
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
            "builtins": ["portal.templatetags.thai"],
        },
    }
]

# --- database: SQLite embedded default, PostgreSQL when DATABASE_URL is set
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Issue 15: persistent connections (a new PostgreSQL connection costs a few ms of every
    # request), checked before reuse so a restarted database costs one retry, not an error page.
    # Each gunicorn thread holds one: workers x threads must stay under max_connections.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Issue 10: `make budget-data` writes for minutes beside a serving portal. WAL lets
            # readers go on while it writes; writers wait (busy timeout) instead of failing with
            # "database is locked", and IMMEDIATE takes the write lock at BEGIN so a reader's
            # transaction never fails mid-way upgrading its lock.
            "OPTIONS": {
                "timeout": env_int("SQLITE_TIMEOUT", 60),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth and security defaults (issue 2 item 10)
AUTHENTICATION_BACKENDS = [
    "portal.login_limits.IpFailureLimitBackend",  # issue 13: an address-wide limit before axes
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)  # 30 minutes idle...
# ...measured from the last request, to within SESSION_REFRESH_SECONDS: the session is saved
# (its expiry renewed) at most once a minute, not on every page (issue 15; portal.middleware)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60)
# issue 15: the header's calendar snapshot (portal.snapshots) and the dashboards' figures
# (portal.remembered) may be this many seconds old
SNAPSHOT_SECONDS = env_int("SNAPSHOT_SECONDS", 15)
DASHBOARD_FIGURES_SECONDS = env_int("DASHBOARD_FIGURES_SECONDS", 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)  # and 12 hours in all
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lock per (username, IP): one mistyping clerk must not lock out a whole provincial office
# that shares one NAT address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

PRODUCTION = env_bool("PORTAL_PRODUCTION")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's plain-HTTP liveness probe
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# All assets are local (no CDN): provincial intranets often have no internet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- language: Thai first (source strings are Thai), English on request
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_AUTOREFRESH = DEBUG  # serve straight from the finders in development: no collectstatic needed
# Issue 15: files whose name carries their hash (the manifest storage in production) are cached
# by browsers for a year (whitenoise's immutable default); the others for a day, not the default
# minute, so a page view does not revalidate every stylesheet.
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 0 if DEBUG else 24 * 60 * 60)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: the console backend (mail printed by the worker) unless an SMTP server is named, either as
# one EMAIL_URL (smtp://user:password@host:587/?tls=1, smtps:// for SSL) or as EMAIL_HOST and
# friends (README "Sending e-mail").
_EMAIL = env_email(
    "EMAIL_URL",
    host=env_str("EMAIL_HOST"),
    port=env_int("EMAIL_PORT", 25),
    user=env_str("EMAIL_HOST_USER"),
    password=env_str("EMAIL_HOST_PASSWORD"),
    use_tls=env_bool("EMAIL_USE_TLS"),
    use_ssl=env_bool("EMAIL_USE_SSL"),
)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _EMAIL["host"]
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = _EMAIL["host"] or "localhost"
EMAIL_PORT = _EMAIL["port"]
EMAIL_HOST_USER = _EMAIL["user"]
EMAIL_HOST_PASSWORD = _EMAIL["password"]
EMAIL_USE_TLS = _EMAIL["use_tls"]
EMAIL_USE_SSL = _EMAIL["use_ssl"]
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# --- Celery: eager in the embedded default, Redis broker when REDIS_URL is set
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The longest task (a chunk of `screen_duplicates` on the workers) stays under these limits; the
# broker's visibility timeout must exceed them, or a running task would be handed to a second
# worker, and it is what brings back the task of a killed worker: minutes, not the default hour
# (issue 13: one submission stayed in screening for 3,600 s after a worker SIGKILL).
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 5 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 4 * 60 + 30)
# A killed worker must not lose work: acknowledge after running, re-queue on a lost worker,
# and hold one task at a time (STYLE "traps already found").
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 7 * 60),
    # a dead Redis must fail a publish fast (the outbox keeps the work), not hang a web request
    "socket_connect_timeout": env_int("CELERY_BROKER_CONNECT_TIMEOUT", 3),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = env_int("CELERY_BROKER_CONNECT_TIMEOUT", 3)  # the result backend's
# The outbox (portal/outbox.py): a published row not done is sent again after this many seconds
# times its attempts (capped at an hour); a running task holds it for its time limit plus a
# minute. Rows that failed OUTBOX_MAX_ATTEMPTS times wait for an administrator.
OUTBOX_STALE_SECONDS = env_int("OUTBOX_STALE_SECONDS", 3 * 60)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 50)
OUTBOX_BROKER_PAUSE_SECONDS = env_int("OUTBOX_BROKER_PAUSE_SECONDS", 30)  # no publishing after a broker error
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 14)  # done rows are deleted after this
CELERY_BEAT_SCHEDULE: dict = {
    # R8: remind offices with unfinished requests 7 and 2 days before a deadline (issue 3)
    "deadline-reminders": {"task": "proposals.deadline_reminders", "schedule": 60 * 60 * 24},
    # issue 13: work committed but never queued, lost by the broker or by a killed worker
    "outbox-sweep": {"task": "portal.outbox_sweep", "schedule": 60, "options": {"expires": 55}},
    # issue 11: one e-mail a day for those who chose the digest (idempotent, so a second run is harmless)
    "notifications-digest": {"task": "proposals.notifications_digest", "schedule": 60 * 60 * 24},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # a dead Redis must cost a page milliseconds, not the socket's default wait
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.exceptions.api_exception_handler",
    # issue 13: a nesting limit on JSON bodies (400, not a RecursionError 500)
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Provincial-cluster budget portal API",
    "DESCRIPTION": "ระบบบูรณาการคำของบประมาณจังหวัดและกลุ่มจังหวัด",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # several areas call a choice field "kind": name each enum after what it is
    "ENUM_NAME_OVERRIDES": {
        "OfficeKindEnum": "clusters.models.Office.Kind",
        "FlagResponseKindEnum": "screening.models.ResponseKind",
        "FlagOwnerAnswerEnum": "screening.models.OwnerAnswer",
        "ProgrammeKindEnum": "reviews.models.Programme.Kind",
        "StakeholderKindEnum": "proposals.models.requests.RequestStakeholder.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- uploads and exports (issue 13)
# An .xlsx is checked before openpyxl parses it (portal/xlsx_guard.py): the sizes its zip declares,
# how much each part inflates, the shared-string table (held whole in memory) and rows per sheet.
# The FY2565 budget-line file (44,567 rows) is well inside these.
XLSX_MAX_UNCOMPRESSED_BYTES = env_int("XLSX_MAX_UNCOMPRESSED_BYTES", 256 * 1024 * 1024)
XLSX_MAX_COMPRESSION_RATIO = env_int("XLSX_MAX_COMPRESSION_RATIO", 100)
XLSX_MAX_SHARED_STRINGS_BYTES = env_int("XLSX_MAX_SHARED_STRINGS_BYTES", 96 * 1024 * 1024)
XLSX_MAX_ROWS = env_int("XLSX_MAX_ROWS", 200_000)

# --- API and login hardening (issue 13)
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 64)

# An address-wide failed-login limit beside axes' per (username, address) lockout, and the client
# address behind trusted reverse proxies (portal/login_limits.py). Default: no proxy, REMOTE_ADDR.
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 30)
LOGIN_IP_COOLOFF_MINUTES = env_int("LOGIN_IP_COOLOFF_MINUTES", 15)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS")
AXES_CLIENT_IP_CALLABLE = "portal.login_limits.client_ip"
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", default=not PRODUCTION)  # /api/v1/schema/ and /docs/

# --- screening index cache (issue 12)
# Each fiscal year's built duplicate-screening index is pickled here, keyed by the year, the
# budget lines' version, FACTS_VERSION and the engine's code (screening/adapters.py), so a new
# worker loads it (well under a second) instead of building it (5-9 s). Shared by the processes
# of one machine; files of an old version are pruned after an hour. Unset: the system temp dir.
SCREENING_INDEX_DIR = env_str("SCREENING_INDEX_DIR", str(BASE_DIR / "var" / "screening-index"))
