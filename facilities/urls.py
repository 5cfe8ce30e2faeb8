from django.urls import path

from facilities import views

app_name = "facilities"

urlpatterns = [
    path("haus-der-vielfalt/", views.house, name="house"),
    path("haus-der-vielfalt/raeume/<slug:slug>/", views.room_detail, name="room"),
    path("haus-der-vielfalt/raeume/<slug:slug>/belegung.ics", views.room_feed, name="room_feed"),
    path("mein-verein/<slug:slug>/buchungen/", views.bookings, name="bookings"),
    path("mein-verein/<slug:slug>/buchungen/neu/", views.request_booking, name="request"),
    path(
        "mein-verein/<slug:slug>/buchungen/kalender/", views.renew_calendar, name="renew_calendar"
    ),
    path(
        "mein-verein/<slug:slug>/buchungen/<int:booking_id>/zurueckziehen/",
        views.withdraw_booking,
        name="withdraw",
    ),
    path(
        "mein-verein/<slug:slug>/buchungen/<int:booking_id>/absagen/",
        views.cancel_booking,
        name="cancel",
    ),
    path(
        "mein-verein/<slug:slug>/buchungen/<int:booking_id>/aendern/",
        views.change_booking,
        name="change",
    ),
]

feed_urlpatterns = [
    path("kalender/buchungen/<str:token>.ics", views.association_feed, name="association_feed"),
]
