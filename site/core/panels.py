"""Admin panels of the project's own."""

from wagtail.admin.panels import FieldPanel

from core.readability import readability


class ReadabilityPanel(FieldPanel):
    """A text field whose help text ends with how easy its saved text is to read.

    For easy-read (« facile à lire ») fields: the editor saves a draft and sees the sentence
    lengths and score of what they wrote (core.readability).
    """

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.instance is None or self.bound_field is None:
                return
            figures = readability(getattr(self.instance, self.field_name, ""))
            if figures is not None:
                self.help_text = f"{self.help_text} {figures.summary()}".strip()
