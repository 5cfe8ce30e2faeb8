from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from facilities.urls import feed_urlpatterns
from vmdo_portal import second_factor, views
from vmdo_portal.models import Page
from vmdo_portal.sitemaps import SITEMAPS

handler400 = "vmdo_portal.errors.bad_request"

# A lost database connection answers 503 (vmdo_portal.outage), anything else 500.
handler500 = "vmdo_portal.outage.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
    path("media/<path:name>", views.media, name="media"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin's).
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("verwaltung/", admin.site.urls),
    path("", include((feed_urlpatterns, "facilities_feeds"))),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("ueber-uns/", views.page_detail, {"key": Page.Key.ABOUT}, name="about"),
    path("impressum/", views.page_detail, {"key": Page.Key.IMPRINT}, name="imprint"),
    path("datenschutz/", views.page_detail, {"key": Page.Key.PRIVACY}, name="privacy"),
    path(
        "barrierefreiheit/",
        views.page_detail,
        {"key": Page.Key.ACCESSIBILITY},
        name="accessibility",
    ),
    path("suche/", views.search, name="search"),
    path("konto/meine-daten/", views.account_data, name="account_data"),
    path("konto/loeschen/", views.account_delete, name="account_delete"),
    # allauth's authenticator set-up, keeping the `next` the person came with.
    path("konto/2fa/totp/activate/", second_factor.activate_totp, name="mfa_activate_totp"),
    path(
        "konto/2fa/recovery-codes/",
        second_factor.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("konto/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("projects.urls")),
    path("", include("facilities.urls")),
    path("", include("events.urls")),
    path("", include("network.urls")),
    path("", include("translations.urls")),
    prefix_default_language=True,
)
