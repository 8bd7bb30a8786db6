from wagtail.admin.forms import WagtailAdminModelForm


class OccurrenceForm(WagtailAdminModelForm):
    """An editor's change to one date: from now on the repetition rule leaves that date alone."""

    def save(self, commit=True):
        self.instance.changed_by_editor = True
        return super().save(commit=commit)
