"""How easy a French text is to read: the figures behind the editors' hint on easy-read texts.

« Facile à lire et à comprendre » (FALC) asks for short sentences, everyday words and one idea
per sentence. Editors get, under each easy-read field, the saved text's sentence lengths and
its Flesch reading ease as adapted to French by Kandel and Moles (textstat with the French
rules; 100 is very easy, below 60 is hard for a weak reader). The figures guide; they do not
judge: a short text of simple words can still be unclear.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from textstat.textstat import textstatistics

# Above this, a sentence is too long for an easy-read text (FALC guidelines: 10 to 15 words).
LONGEST_EASY_SENTENCE = 15
# Kandel–Moles score from which a text is easy for most readers.
EASY_SCORE = 70
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")

# An instance of our own: textstat's module-level one is shared, and its language global.
_french = textstatistics()
_french.set_lang("fr")


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    longest_sentence: int
    score: float

    @property
    def words_per_sentence(self):
        return self.words / self.sentences if self.sentences else 0

    @property
    def is_easy(self):
        return self.score >= EASY_SCORE and self.longest_sentence <= LONGEST_EASY_SENTENCE

    def summary(self):
        """One line for the editor, in their language."""
        sentences = ngettext("%(count)d phrase", "%(count)d phrases", self.sentences) % {
            "count": self.sentences
        }
        figures = _(
            "Lisibilité du texte enregistré : %(sentences)s, %(average).0f mots par phrase en "
            "moyenne, %(longest)d mots dans la plus longue ; score %(score).0f sur 100."
        ) % {
            "sentences": sentences,
            "average": self.words_per_sentence,
            "longest": self.longest_sentence,
            "score": self.score,
        }
        if self.is_easy:
            advice = _("C'est facile à lire.")
        elif self.longest_sentence > LONGEST_EASY_SENTENCE:
            advice = _("Coupez les phrases de plus de %(words)d mots : une idée par phrase.") % {
                "words": LONGEST_EASY_SENTENCE
            }
        else:
            advice = _("Cherchez des mots plus courts et plus courants.")
        return f"{figures} {advice}"


def readability(text):
    """The figures of `text` (plain or HTML), or None when there are no words to measure."""
    plain = " ".join(strip_tags(text or "").split(" "))
    sentences = [sentence for sentence in SENTENCE_END.split(plain) if sentence.strip()]
    words = [len(sentence.split()) for sentence in sentences]
    if not sum(words):
        return None
    return Readability(
        sentences=len(sentences),
        words=sum(words),
        longest_sentence=max(words),
        score=max(0.0, min(100.0, _french.flesch_reading_ease(plain))),
    )
