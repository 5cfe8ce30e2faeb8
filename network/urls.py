from django.urls import include, path

from network import views

app_name = "network"

# Each part adds its pages below "netzwerk/" here.
urlpatterns = [
    path("netzwerk/", views.start, name="start"),
    path("netzwerk/biete-suche/", include("network.offers.urls")),
]
