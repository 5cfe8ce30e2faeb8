from django.urls import path

from network.library import views

# Included from network/urls.py under "netzwerk/wissen/" (names network:library_*).
urlpatterns = [
    path("", views.resource_list, name="library_list"),
    path("teilen/", views.resource_share, name="library_share"),
    path("<int:pk>/", views.resource_detail, name="library_detail"),
    path("<int:pk>/datei/", views.resource_download, name="library_download"),
]
