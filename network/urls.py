from django.urls import include, path

from network import views
from network.contacts import views as contacts_views

app_name = "network"

# Each part adds its pages below "netzwerk/" here.
urlpatterns = [
    path("netzwerk/", views.start, name="start"),
    path("netzwerk/kontakte/", contacts_views.contact_list, name="contacts"),
    path("netzwerk/kontakte/ich/", contacts_views.own_listing, name="contacts_own"),
    path("netzwerk/rundschreiben/", include("network.circulars.urls")),
    path("netzwerk/qualifizierung/", include("network.trainings.urls")),
    path("netzwerk/wissen/", include("network.library.urls")),
    path("netzwerk/biete-suche/", include("network.offers.urls")),
]
