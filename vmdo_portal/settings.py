"""Settings of the VMDO portal, read from the environment (12-factor).

Every value that differs between development and production comes from an
environment variable; docs in README.md ("Configuration").
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from vmdo_portal.mail import mailers_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (it is only optional with DEBUG=1)."
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "vmdo_portal.apps.VmdoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "vmdo_portal.third_party_apps.MfaConfig",
    "django_filters",
    "vmdo_portal.third_party_apps.TasksConfig",
    "import_export",
    "vmdo_portal",
    "members",
    "projects",
    "facilities",
    "events",
    "translations",
    "network",
]

MIDDLEWARE = [
    "vmdo_portal.observability.request_log",
    "django.middleware.security.SecurityMiddleware",
    "vmdo_portal.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache, so cached pages get the same security headers as fresh ones.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Above the page cache, so visits of cached pages are counted too.
    "vmdo_portal.visits.visit_counter",
    "vmdo_portal.page_cache.anonymous_page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "vmdo_portal.middleware.reject_nul",
    "vmdo_portal.middleware.admin_in_default_language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Innermost: a view's lost database connection becomes the 503 page.
    "vmdo_portal.outage.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "vmdo_portal.urls"
WSGI_APPLICATION = "vmdo_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vmdo_portal.context_processors.portal",
                "facilities.context_processors.house",
                "network.context_processors.network",
                "translations.context_processors.desk",
            ],
        },
    },
]

FORM_RENDERER = "vmdo_portal.forms.PortalFormRenderer"

# Database: a SQLite file for trying the portal out; PostgreSQL in tests and production.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
elif env.bool("DB_POOL", default=False):
    # psycopg 3's connection pool: each app server keeps a few connections open. Each is
    # checked when handed out, so those a PostgreSQL restart killed are replaced, not
    # used. While PostgreSQL is down, a request waits at most DB_POOL_TIMEOUT seconds for
    # a connection, then gets a 503 (vmdo_portal.outage).
    from vmdo_portal.db_pool import check_connection

    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN", default=2),
        "max_size": env.int("DB_POOL_MAX", default=10),
        "timeout": env.float("DB_POOL_TIMEOUT", default=5.0),
        # A connection attempt retries with growing pauses; giving up as soon as a request
        # would, lets the next request start a fresh attempt once PostgreSQL is back.
        "reconnect_timeout": env.float("DB_POOL_TIMEOUT", default=5.0),
        "check": check_connection,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and rate limits: Redis when configured, so any app server can answer any request
# (nothing lives in one process). Sessions are kept in PostgreSQL and cached in Redis, so
# a Redis restart logs nobody out. While Redis is unreachable the portal works without it
# (vmdo_portal.cache); short timeouts keep an unreachable Redis from stalling requests.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "vmdo_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # A per-process cache: every gunicorn worker would count its own rate limits.
    if not DEBUG:
        raise ImproperlyConfigured(
            "REDIS_URL is not set. Production needs a cache shared by all workers and servers "
            "(rate limits count there), e.g. REDIS_URL=redis://127.0.0.1:6379/0"
        )
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "vmdo_portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: login by email, verified addresses, sign-up by invitation only.
ACCOUNT_ADAPTER = "vmdo_portal.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[VMDO] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "VMDO Portal"
# Accept the code of the period before and after the current one: phones drift and a code
# typed at the end of its 30 seconds arrives in the next (RFC 6238, section 5.2).
MFA_TOTP_TOLERANCE = 1

# Languages: German first; paths are the same in every language.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("fa", _("Persian")),
    ("pl", _("Polish")),
]
LANGUAGES_BIDI = ["ar", "fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development serves static files straight from the apps; production from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads on S3-compatible object storage when a bucket is configured; the portal still
# serves them under /media/ itself, so pages load nothing from other hosts.
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "vmdo_portal.storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Email through Django 6.1's MAILERS: console in development, SMTP in production.
# EMAIL_URL examples: "console:", "smtp://user:password@mail.example.org:587?tls=1",
# "smtps://user:password@mail.example.org".
MAILERS = mailers_from_url(env.str("EMAIL_URL", default="console:" if DEBUG else ""))
# Absolute address of the portal, for links in emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL is not set, e.g. SITE_URL=https://portal.vmdo.de")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VMDO Portal <portal@vmdo.de>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Security headers. The Content Security Policy forbids inline scripts and styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies of our own stand in front of the app: the client address is
# read that many entries from the right of X-Forwarded-For (vmdo_portal.ratelimit.client_ip,
# also for allauth's login limits). 0: the header is ignored (anyone can write it).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# /healthz answers load balancers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]

ADMIN_URL_PREFIX = "/verwaltung/"

# Logs go to stdout; in production one JSON object per line (with the request id).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vmdo_portal.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Background work (emails): at once in development and tests; in production stored in the
# database and run by `manage.py db_worker` (TASKS_BACKEND=database).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env.str("TASKS_BACKEND", default="immediate") == "database"
            else "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Contact shown in every page's footer, with the main facility's name and address
# (facilities.selectors.main_facility).
PORTAL_CONTACT = {
    "name": "VMDO e.V.",
    "email": env.str("PORTAL_CONTACT_EMAIL", default="info@vmdo.de"),
}

# Optional machine translation as a first draft (translations.machine): empty = off,
# "libretranslate+https://host[:port]/?api_key=KEY", "deepl://KEY@api.deepl.com" or
# "deepl://KEY:fx@api-free.deepl.com". A wrong URL stops the start with a clear message.
MACHINE_TRANSLATION_URL = env.str("MACHINE_TRANSLATION_URL", default="")
MACHINE_TRANSLATION_MONTHLY_CHARACTERS = env.int(
    "MACHINE_TRANSLATION_MONTHLY_CHARACTERS", default=500_000
)
MACHINE_TRANSLATION_TIMEOUT = env.float("MACHINE_TRANSLATION_TIMEOUT", default=20.0)
if MACHINE_TRANSLATION_URL:
    from translations.machine import backend_from_url

    backend_from_url(MACHINE_TRANSLATION_URL)

# Optional error reporting: only when an operator configures a DSN. No personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        traces_sample_rate=0,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    )
