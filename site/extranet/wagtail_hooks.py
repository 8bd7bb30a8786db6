"""The extranet's place in Wagtail: its demo content for `manage.py load_demo`."""

from wagtail import hooks

from home.demo import LOAD_DEMO_HOOK


@hooks.register(LOAD_DEMO_HOOK)
def load_extranet_demo(demo):
    from extranet.demo import load_extranet_demo

    load_extranet_demo(demo)
