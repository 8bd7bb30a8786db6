"""Running `load_demo` in tests: once per test class, twice to prove a second run adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings


def load_demo(*args):
    """Run the command; return what it printed."""
    stdout = StringIO()
    call_command("load_demo", *args, stdout=stdout)
    return stdout.getvalue()


@override_settings(DEMO_PASSWORD="")
class LoadDemoTwiceTestCase(TestCase):
    """The command takes seconds: it runs twice for the whole class, not once per test.

    Subclasses say what to count with `content_counts()`; both outputs and both counts are kept.
    """

    @staticmethod
    def content_counts():
        return {}

    @classmethod
    def setUpTestData(cls):
        cls.first_output = load_demo()
        cls.counts_after_first_run = cls.content_counts()
        cls.second_output = load_demo()
        cls.counts_after_second_run = cls.content_counts()
