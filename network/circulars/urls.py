from django.urls import path

from network.circulars import views

# Included by network/urls.py below "netzwerk/rundschreiben/" (names network:circular…).
urlpatterns = [
    path("", views.circular_list, name="circulars"),
    path("<int:pk>/", views.circular_detail, name="circular"),
]
