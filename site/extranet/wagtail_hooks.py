"""The extranet's place in Wagtail: its demo content for `manage.py load_demo`."""

from wagtail import hooks

from home.demo import LOAD_DEMO_HOOK


@hooks.register(LOAD_DEMO_HOOK)
def load_extranet_demo(demo):
    from extranet.demo import load_extranet_demo

    load_extranet_demo(demo)


# After the other apps' steps (order 0): the announcements point at the demo's events and
# resources.
@hooks.register(LOAD_DEMO_HOOK, order=50)
def load_announcements_demo(demo):
    from extranet.demo import load_announcements

    load_announcements(demo)
