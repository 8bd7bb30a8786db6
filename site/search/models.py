"""What editors teach the site search: the words residents use for jobs pages name otherwise."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.words import words

# Editors write one term a line, or several on a line separated by commas or semicolons.
TERM_SEPARATORS = re.compile(r"[\n,;]+")


class Synonym(models.Model):
    """Terms that mean the same job: searching any of them finds pages written with the others.

    « ménage » finds the offers titled « Agent d'entretien », « auxiliaire de vie » those titled
    « Aide à domicile ». A term of several words matches when the query holds all of them; accents,
    capitals, plurals and small words (« de », « à ») do not count.
    """

    terms = models.TextField(
        verbose_name=_("Mots et expressions qui veulent dire la même chose"),
        help_text=_(
            "Un par ligne, ou séparés par des virgules. Par exemple : ménage, agent d'entretien, "
            "agent de propreté. Les accents, les majuscules et le pluriel ne comptent pas."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Modifié le"))

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("Synonymes d'un métier")
        verbose_name_plural = _("Synonymes de la recherche")

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        """The terms as the editor wrote them, without blanks or repeats."""
        terms = []
        for term in TERM_SEPARATORS.split(self.terms):
            term = " ".join(term.split())
            if term and term not in terms:
                terms.append(term)
        return terms

    def phrases(self):
        """Each term as its tuple of folded words: « Agent d'entretien » → (agent, entretien)."""
        phrases = []
        for term in self.term_list():
            phrase = tuple(words(term))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        return phrases

    def clean(self):
        super().clean()
        if len(self.phrases()) < 2:
            raise ValidationError(
                {
                    "terms": _(
                        "Écrivez au moins deux mots ou expressions différents, séparés par une "
                        "virgule ou un retour à la ligne."
                    )
                }
            )
