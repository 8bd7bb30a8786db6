"""The project holders' part of `manage.py load_demo`: the public page and 15 holders."""

from project_holders.enums import HolderStatus, ProjectStage
from project_holders.models import FollowUpNote, ProjectHolder, ProjectProposalPage
from tests.home.demo_tests import LoadDemoTwiceTestCase


def content_counts():
    return {
        "holders": ProjectHolder.objects.count(),
        "notes": FollowUpNote.objects.count(),
        "history": ProjectHolder.history.count(),
        "pages": ProjectProposalPage.objects.count(),
    }


class TestProjectHoldersDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_fifteen_holders_at_every_stage_of_their_project_and_of_the_pipeline(self):
        assert ProjectHolder.objects.count() == 15
        stages = set(ProjectHolder.objects.values_list("stage", flat=True))
        assert stages == set(ProjectStage.values)  # idée, étude, création, développement
        statuses = set(ProjectHolder.objects.values_list("status", flat=True))
        assert statuses == set(HolderStatus.values)
        assert ProjectHolder.objects.filter(registered_by_organisation__isnull=False).count() > 5

    def test_some_have_notes_and_status_changes_in_their_history(self):
        assert FollowUpNote.objects.exists()
        changed = [holder for holder in ProjectHolder.objects.all() if holder.history.count() > 2]
        assert changed

    def test_the_form_is_published_under_the_ess_page(self):
        page = ProjectProposalPage.objects.live().get()
        assert page.get_parent().slug == "je-porte-un-projet-ess"

    def test_a_second_run_adds_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
