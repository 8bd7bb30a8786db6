"""URLs of the project_holders app, under /extranet/porteurs-de-projet/ (see config.urls)."""

from django.urls import path

from project_holders import views

app_name = "project_holders"
urlpatterns = [
    path("", views.holder_list, name="list"),
    path("nouveau/", views.holder_create, name="create"),
    path("export.csv", views.export_list, {"file_format": "csv"}, name="export_csv"),
    path("export.xlsx", views.export_list, {"file_format": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/", views.holder_detail, name="detail"),
    path("<int:pk>/modifier/", views.holder_edit, name="edit"),
    path("<int:pk>/statut/", views.holder_status, name="status"),
    path("<int:pk>/notes/", views.add_note, name="add_note"),
    path("<int:pk>/historique/", views.holder_history, name="history"),
    path("<int:pk>/donnees.json", views.person_export, name="person_export"),
    path("<int:pk>/effacer/", views.holder_erase, name="erase"),
]
