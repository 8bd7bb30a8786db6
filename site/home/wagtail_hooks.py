from wagtail import hooks

from home.demo import LOAD_DEMO_HOOK

# After every app's demo step (default order 0): the translations are of what they made.
TRANSLATIONS_DEMO_ORDER = 100


@hooks.register(LOAD_DEMO_HOOK, order=TRANSLATIONS_DEMO_ORDER)
def load_translations_demo(demo):
    from home.demo.translations import load_translations_demo

    load_translations_demo(demo)
