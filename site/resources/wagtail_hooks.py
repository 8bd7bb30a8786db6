"""The resources app's place in the admin (coordinators moderate what members share) and the demo.

The admin lists every resource, filters and searches them, changes their description, audience
(with the organisations chosen) or validity, and deletes them (their files go too, see
resources.signals). Files are not uploaded there: the extranet's form checks their type and
keeps their versions.
"""

from django.forms import modelform_factory
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from extranet.views import EXTRANET_HOME_SECTIONS_HOOK
from home.demo import LOAD_DEMO_HOOK
from resources.forms import ResourceAdminForm
from resources.models import Resource
from resources.permissions import latest_for


class ResourceViewSet(ModelViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Ressources partagées")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "kind", "organisation", "audience", "valid_until", "download_count"]
    list_filter = ["kind", "audience", "organisation"]
    search_fields = ["title", "description"]
    # shared_with counts only with « Organisations choisies » (resources.permissions).
    form_fields = [
        "title",
        "description",
        "kind",
        "tags",
        "audience",
        "shared_with",
        "valid_until",
    ]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        # The extranet's rule on chosen organisations holds here too (resources.forms).
        return modelform_factory(
            self.model,
            form=ResourceAdminForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )

    def get_urlpatterns(self):
        # Resources are shared from the extranet, where their file's type is checked.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}


@hooks.register("register_admin_viewset")
def register_resource_viewset():
    return ResourceViewSet("ressources")


@hooks.register(LOAD_DEMO_HOOK)
def load_resources_demo(demo):
    from resources.demo import load_resources_demo

    load_resources_demo(demo)


@hooks.register(EXTRANET_HOME_SECTIONS_HOOK)
def latest_resources_section(request):
    return render_to_string(
        "components/resources/latest_resources.html",
        {"resources": latest_for(request.user)},
        request=request,
    )
