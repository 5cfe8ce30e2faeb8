"""Below /netzwerk/qualifizierung/ (included by network.urls, names in its namespace)."""

from django.urls import path

from network.trainings import views

urlpatterns = [
    path("", views.training_list, name="trainings"),
    path("anmeldungen/<int:pk>/abmelden/", views.registration_cancel, name="training_cancel"),
    path(
        "anmeldungen/<int:pk>/teilnahmebescheinigung.pdf",
        views.certificate,
        name="training_certificate",
    ),
    path("<slug:slug>/", views.training_detail, name="training"),
]
