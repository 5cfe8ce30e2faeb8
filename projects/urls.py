from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projekte/", views.project_list, name="list"),
    path("projekte/<slug:slug>/", views.project_detail, name="detail"),
    path("standorte/", views.site_list, name="sites"),
    path("standorte/<slug:slug>/", views.site_detail, name="site"),
]
