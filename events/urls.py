from django.urls import path

from events import dashboard, views

app_name = "events"

urlpatterns = [
    path("veranstaltungen/", views.event_list, name="list"),
    path("veranstaltungen/feed.ics", views.feed_ics, name="feed"),
    path("veranstaltungen/feed.atom", views.LatestEventsFeed(), name="atom"),
    path(
        "veranstaltungen/bestaetigen/<slug:token>/",
        views.confirm_registration,
        name="confirm_registration",
    ),
    path(
        "veranstaltungen/abmelden/<str:token>/",
        views.cancel_registration,
        name="cancel_registration",
    ),
    path("veranstaltungen/<slug:slug>/", views.event_detail, name="detail"),
    path("veranstaltungen/<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("mein-verein/<slug:slug>/veranstaltungen/", dashboard.event_list, name="dashboard"),
    path("mein-verein/<slug:slug>/veranstaltungen/neu/", dashboard.event_create, name="create"),
    path(
        "mein-verein/<slug:slug>/veranstaltungen/<int:event_id>/bearbeiten/",
        dashboard.event_edit,
        name="edit",
    ),
    path(
        "mein-verein/<slug:slug>/veranstaltungen/<int:event_id>/einreichen/",
        dashboard.event_submit,
        name="submit",
    ),
    path(
        "mein-verein/<slug:slug>/veranstaltungen/<int:event_id>/anmeldungen/",
        dashboard.registrations,
        name="registrations",
    ),
]
