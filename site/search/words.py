"""Text cut into the words search compares: folded, split, without the little words.

Residents type without accents, in capitals, in the plural or the feminine (« AIDES A DOMICILE »,
« preparatrice »). Both the query and the indexed pages go through `words()`, so « Préparateurs »
and « preparateur » meet; `light_stem()` then gives the plural and the feminine of a job name one
form, for the databases whose full-text search has no stemmer (SQLite).
"""

import re
import unicodedata

# Written as one glyph, which Unicode decomposition leaves alone.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
WORD = re.compile(r"[^\W_]+")
# Words that say nothing about what is sought: articles, prepositions, pronouns, and the (H/F)
# of every offer title once split. Single letters (« l' », « d' », « à » unaccented) go anyway.
SMALL_WORDS = """
au aux avec ce ces cet cette chez dans de des du elle en est et il je la le les leur lui ma mes
moi mon ne nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
votre vous
an and for in of on or the to with
"""
STOP_WORDS = frozenset(SMALL_WORDS.split())
MIN_WORD_LENGTH = 2


def fold(text):
    """Lower case, without accents or ligatures: « Œuvre à Épinay » → « oeuvre a epinay »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of `text` worth searching for, folded, in their order."""
    return [
        word
        for word in WORD.findall(fold(text))
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS
    ]


def light_stem(word):
    """One form for a word's plural and feminine, enough for job names.

    « commandes » → « command », « préparatrice » → « preparateur », « serveuse » → « serveur »,
    « cuisinière » → « cuisinier », « technicienne » → « technicien ». Deliberately cruder than a
    real stemmer: it only has to bring together forms of one word, never two different words.
    """
    stem = word
    if len(stem) > 3 and stem[-1] in "sx":
        stem = stem[:-1]
    if stem.endswith("trice"):
        return stem[:-5] + "teur"
    if stem.endswith("euse"):
        return stem[:-4] + "eur"
    if len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]
        if stem.endswith(("nn", "ll", "tt")):
            stem = stem[:-1]
    return stem
