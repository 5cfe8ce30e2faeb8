"""Biete / Suche below /netzwerk/biete-suche/ (names in the "network" namespace)."""

from django.urls import path

from network.offers import views

urlpatterns = [
    path("", views.offer_list, name="offers"),
    path("neu/", views.offer_create, name="offers_create"),
    path("<int:pk>/", views.offer_detail, name="offers_detail"),
    path("<int:pk>/bearbeiten/", views.offer_edit, name="offers_edit"),
    path("<int:pk>/erledigt/", views.offer_status, {"done": True}, name="offers_done"),
    path("<int:pk>/wieder-offen/", views.offer_status, {"done": False}, name="offers_reopen"),
    path("<int:pk>/loeschen/", views.offer_delete, name="offers_delete"),
    path("<int:pk>/melden/", views.offer_report, name="offers_report"),
]
