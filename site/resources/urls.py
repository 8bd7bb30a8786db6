"""URLs of the resources app, under /extranet/ressources/ (see config.urls)."""

from django.urls import path

from resources import views

app_name = "resources"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("partager/", views.resource_create, name="create"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/modifier/", views.resource_edit, name="edit"),
    path("<int:pk>/supprimer/", views.resource_delete, name="delete"),
    path("<int:pk>/telecharger/", views.download, name="download"),
    path(
        "<int:pk>/versions/<int:version_pk>/telecharger/",
        views.version_download,
        name="version_download",
    ),
]
