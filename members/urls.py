from django.urls import path

from members import dashboard, views

app_name = "members"

urlpatterns = [
    path("vereine/", views.directory, name="directory"),
    path("vereine/<slug:slug>/", views.profile, name="profile"),
    path("mitglied-werden/", views.apply, name="apply"),
    path("mitglied-werden/danke/", views.apply_done, name="apply_done"),
    path("mein-verein/", dashboard.home, name="dashboard"),
    path("mein-verein/einladung/<str:token>/", dashboard.invitation, name="invitation"),
    path("mein-verein/<slug:slug>/", dashboard.overview, name="overview"),
    path("mein-verein/<slug:slug>/profil/", dashboard.edit_profile, name="edit_profile"),
    path("mein-verein/<slug:slug>/personen/", dashboard.people, name="people"),
    path(
        "mein-verein/<slug:slug>/personen/<int:membership_id>/entfernen/",
        dashboard.remove_person,
        name="remove_person",
    ),
]
