"""Settings for Balai. Everything that differs between machines comes from the environment;
`.env.example` lists each variable."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    # No guessable fallback: `make demo` writes a random one into .env.
    raise environ.ImproperlyConfigured("SECRET_KEY belum diatur (lihat .env.example).")

# Tenancy: <base> is the kabupaten portal, kec-<slug>.<base> a kecamatan, <slug>.<base> a village.
BALAI_BASE_DOMAIN = env("BALAI_BASE_DOMAIN", default="localhost").lower()
BALAI_KABUPATEN_KODE = env("BALAI_KABUPATEN_KODE", default="33.03")
# The public scheme and port of every site. Absolute links (password-reset mails, canonical
# URLs, feeds, links between sites) are built from these and BALAI_BASE_DOMAIN, never from the
# Host header a client sends. Port 0 means the scheme's default; `make demo` sets 8000.
BALAI_TLS = env.bool("BALAI_TLS", default=False)
BALAI_SCHEME = env("BALAI_SCHEME", default="https" if BALAI_TLS else "http").lower()
BALAI_PUBLIC_PORT = env.int("BALAI_PUBLIC_PORT", default=0)
# Roles that must use TOTP two-factor; desa roles can be added by the kabupaten.
BALAI_2FA_ROLES = env.list("BALAI_2FA_ROLES", default=["admin_kabupaten", "operator_kecamatan"])
# Where `seed_demo` writes the demo accounts and their fresh passwords.
BALAI_DEMO_LOGINS_FILE = env("BALAI_DEMO_LOGINS_FILE", default=str(BASE_DIR / "var" / "demo-logins.txt"))
BALAI_SERVE_MEDIA = env.bool("BALAI_SERVE_MEDIA", default=DEBUG)
# Largest document a village may publish for download (PDF/DOCX/XLSX/ODT/ODS).
BALAI_MAX_DOKUMEN_MB = env.int("BALAI_MAX_DOKUMEN_MB", default=20)
# How often in an hour one operator may find a new NIK registered as living in another village
# before new NIKs stop being checked against other villages for the rest of the hour.
BALAI_CEK_NIK_DESA_LAIN_PER_JAM = env.int("BALAI_CEK_NIK_DESA_LAIN_PER_JAM", default=10)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[BALAI_BASE_DOMAIN, f".{BALAI_BASE_DOMAIN}", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "balai.core",
    "balai.wilayah",
    "balai.akun",
    "balai.media",
    "balai.tte",
    "balai.panel",
    "balai.website",
    "balai.publikasi",
    "balai.penduduk",
    "balai.pemerintahan",
    "balai.statistik",
    "balai.laporan",
    "balai.surat",
    "balai.mandiri",
    "balai.ppid",
    "balai.keuangan",
    "balai.pembangunan",
    "balai.lapak",
    "balai.kehadiran",
    "balai.keamanan",
    "balai.pengawasan",
    "balai.demo",
]

MIDDLEWARE = [
    # First: answers load balancer probes whatever their Host header says.
    "balai.core.health.HealthzMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "balai.core.tenancy.TenantMiddleware",
    # Cached public pages for visitors without a session, before sessions, auth, OTP and axes.
    "balai.core.sitecache.AnonymousPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Records of texts the content check refused, once the view's transactions are over.
    "balai.core.konten.PenolakanMiddleware",
]

ROOT_URLCONF = "balai.urls"
WSGI_APPLICATION = "balai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "balai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "balai.core.context_processors.balai",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'balai.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web server and task worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

AUTH_USER_MODEL = "akun.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "/"

# Login throttling: 5 failures for one username from one address locks it for 15 minutes.
# (axes; the limits across usernames and across addresses follow below).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "akun/terkunci.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_VERBOSE = False
# Password spraying (balai.akun.pembatas): failures from one address across all usernames, and
# failures on one username across all addresses (slower), each in a fixed window.
BALAI_MASUK_GAGAL_PER_ALAMAT = env.int("BALAI_MASUK_GAGAL_PER_ALAMAT", default=20)
BALAI_MASUK_JENDELA_ALAMAT_MENIT = env.int("BALAI_MASUK_JENDELA_ALAMAT_MENIT", default=15)
BALAI_MASUK_GAGAL_PER_AKUN = env.int("BALAI_MASUK_GAGAL_PER_AKUN", default=10)
BALAI_MASUK_JENDELA_AKUN_MENIT = env.int("BALAI_MASUK_JENDELA_AKUN_MENIT", default=60)

OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Balai")
# A first authenticator is enrolled only through a one-time link issued by the kabupaten; it
# stops working after this many hours.
BALAI_TAUTAN_2FA_JAM = env.int("BALAI_TAUTAN_2FA_JAM", default=72)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "balai" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": env("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
BALAI_MAX_IMAGE_MB = env.int("BALAI_MAX_IMAGE_MB", default=8)
# Personal data (uploaded registers, rendered population books) lives here unless STORAGES names a
# "privat" storage: outside MEDIA_ROOT, never served (balai.core.storage.private_storage).
BALAI_PRIVAT_ROOT = env("BALAI_PRIVAT_ROOT", default=str(BASE_DIR / "var" / "privat"))
# A move between two villages of the kabupaten waits this many days for the sending village;
# after that the kecamatan may confirm it instead.
BALAI_PINDAH_ANTAR_DESA_HARI = env.int("BALAI_PINDAH_ANTAR_DESA_HARI", default=7)
# Map of development projects: the box (south, west, north, east) a project's point must lie in
# (default: Kabupaten Purbalingga with a margin), and an optional tile server
# ("https://tiles.example/{z}/{x}/{y}.png") for an embedded map; without it pages link to
# OpenStreetMap only.
BALAI_PETA_BATAS = env.list("BALAI_PETA_BATAS", cast=float, default=[-7.62, 109.08, -7.02, 109.72])
BALAI_TILE_URL = env("BALAI_TILE_URL", default="")

# Electronic signatures on issued documents (balai.tte). The signer is pluggable: the local one
# signs with per-village keys under the kabupaten's own certificate authority; a kabupaten with
# access to the national TTE service names its own class here. Private keys are stored encrypted
# with BALAI_TTE_SANDI (keep it, and back it up, apart from the database).
BALAI_TTE_PENANDATANGAN = env("BALAI_TTE_PENANDATANGAN", default="balai.tte.lokal.PenandatanganLokal")
BALAI_TTE_SANDI = env("BALAI_TTE_SANDI", default=SECRET_KEY)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Balai <noreply@balai.localhost>")
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))

# Security headers. TLS-only settings switch on with BALAI_TLS behind a terminating proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
# Village offices share computers: a staff session ends with the browser, and a reset link is
# short-lived.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "balai.core.views.csrf_failure"
if BALAI_TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Only the video hosts whose embeds balai.core.html keeps in operators' rich text.
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
