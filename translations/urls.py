from django.urls import path

from translations import views

app_name = "translations"

urlpatterns = [
    path("uebersetzen/", views.desk, name="desk"),
    path("uebersetzen/<str:language>/", views.queue, name="queue"),
    path("uebersetzen/<str:language>/<str:model>/<int:pk>/", views.editor, name="editor"),
]
