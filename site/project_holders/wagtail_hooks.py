"""The project holders' place in Wagtail: their section on the extranet's home, and their demo
content for `manage.py load_demo`."""

from django.template.loader import render_to_string
from wagtail import hooks

from extranet.views import EXTRANET_HOME_SECTIONS_HOOK
from home.demo import LOAD_DEMO_HOOK
from project_holders.summaries import followed_by, yearly_counter


@hooks.register(EXTRANET_HOME_SECTIONS_HOOK)
def followed_holders_section(request):
    return render_to_string(
        "components/project_holders/followed_holders.html",
        {"holders": followed_by(request.user), "counter": yearly_counter(request.user)},
        request=request,
    )


@hooks.register(LOAD_DEMO_HOOK)
def load_project_holders_demo(demo):
    from project_holders.demo import load_project_holders_demo

    load_project_holders_demo(demo)
