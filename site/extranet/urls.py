"""The extranet's URLs, under /extranet/ (accounts are allauth's, under /compte/)."""

from django.urls import path

from extranet import views

app_name = "extranet"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/<int:pk>/membres/", views.members, name="members"),
    path("organisations/<int:pk>/invitations/", views.invitation_list, name="invitations"),
    path("organisations/<int:pk>/inviter/", views.invite, name="invite"),
    path("invitations/<int:pk>/renvoyer/", views.resend_invitation, name="resend_invitation"),
    path("invitations/<int:pk>/revoquer/", views.revoke_invitation, name="revoke_invitation"),
    path("membres/<int:pk>/retirer/", views.remove_member, name="remove_member"),
    path("rejoindre/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("annuaire/", views.directory, name="directory"),
    path("annuaire/<int:pk>/", views.directory_card, name="directory_card"),
    path(
        "organisations/<int:pk>/fiche-annuaire/",
        views.directory_card_edit,
        name="directory_card_edit",
    ),
    path("annonces/", views.announcement_list, name="announcements"),
    path("annonces/nouvelle/", views.announcement_create, name="announcement_create"),
    path("annonces/<int:pk>/modifier/", views.announcement_edit, name="announcement_edit"),
    path("annonces/<int:pk>/supprimer/", views.announcement_delete, name="announcement_delete"),
]
