"""The words the site's pages and the editors' synonyms use, to correct what residents type.

A word a resident types is looked up here: the pages' own spellings of it (« commandes » for
« commande »), or the closest words when none (« carist » → « cariste », « magasinié » →
« magasinier »). The same correction in Python on both databases, so that SQLite in development
answers as PostgreSQL in production, and in a bounded time: the vocabulary is built once per
process and per change of the pages or synonyms, then kept in memory.
"""

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max

from search.models import Synonym
from search.words import light_stem, words

# Shorter words are left as typed: « cv », « bus », « rsa » have too many close neighbours.
MIN_CORRECTED_LENGTH = 4
# How close a word must be to count as a misspelling (difflib's ratio: 2 × common letters /
# letters of both). 0.8 takes « carist », « magasinié », « netoyage », « securiter » and
# « auxilliaire » to the right word, and leaves « entretien » and « entrepot » apart.
CLOSENESS = 0.8
# Corrections this much less close than the best one are dropped; at most this many are kept.
TIE = 0.02
MAX_CORRECTIONS = 3
# Residents type the same few words: each word's spellings are remembered, up to this many words.
MAX_REMEMBERED_WORDS = 10_000
# Misspellings rarely add or drop more letters than this: the others are not compared.
MAX_LENGTH_DIFFERENCE = 2


@dataclass
class Vocabulary:
    """Every word of the searchable pages and of the synonyms, folded, and the synonyms' terms."""

    page_words: Counter
    synonym_groups: list = field(default_factory=list)

    def __post_init__(self):
        self.known_words = set(self.page_words)
        for group in self.synonym_groups:
            for phrase in group:
                self.known_words.update(phrase)
        self.words_by_stem = defaultdict(set)
        self.words_by_length = defaultdict(list)
        for word in self.known_words:
            self.words_by_stem[light_stem(word)].add(word)
            self.words_by_length[len(word)].append(word)
        # Most frequent first, so that when too many are as close the pages' usual words stay.
        for same_length in self.words_by_length.values():
            same_length.sort(key=lambda word: (-self.page_words[word], word))
        self._spellings = {}

    def spellings(self, word):
        """The known words `word` may stand for: itself, its plural or feminine, or close words.

        Empty when nothing known comes close: the word is in no page and no synonym.
        """
        if word not in self._spellings:
            if len(self._spellings) >= MAX_REMEMBERED_WORDS:
                self._spellings.clear()
            found = set(self.words_by_stem.get(light_stem(word), ()))
            if word in self.known_words:
                found.add(word)
            if not found and len(word) >= MIN_CORRECTED_LENGTH:
                for match in self.closest_words(word):
                    found |= self.words_by_stem[light_stem(match)]
            self._spellings[word] = frozenset(found)
        return self._spellings[word]

    def closest_words(self, word):
        """The known words closest to `word`, if close enough: the best, and any as good.

        Only the best: « magasinie » is « magasinier » (0.95), not also « magasinage » (0.84).
        """
        # What difflib.get_close_matches does, keeping the ties rather than the n best.
        matcher = difflib.SequenceMatcher(b=word)
        scored = []
        for length in range(
            len(word) - MAX_LENGTH_DIFFERENCE, len(word) + MAX_LENGTH_DIFFERENCE + 1
        ):
            for candidate in self.words_by_length.get(length, ()):
                matcher.set_seq1(candidate)
                if (
                    matcher.real_quick_ratio() >= CLOSENESS
                    and matcher.quick_ratio() >= CLOSENESS
                    and (ratio := matcher.ratio()) >= CLOSENESS
                ):
                    scored.append((ratio, candidate))
        if not scored:
            return []
        best = max(ratio for ratio, _candidate in scored)
        return [candidate for ratio, candidate in scored if ratio >= best - TIE][:MAX_CORRECTIONS]

    def is_in_pages(self, spellings):
        """Whether any of these spellings appears in a searchable page."""
        return any(spelling in self.page_words for spelling in spellings)


# One vocabulary per language, with the state of the pages and synonyms it was built from.
_vocabularies = {}


def vocabulary_for(pages, locale):
    """The vocabulary of `pages` (the searchable pages of `locale`): rebuilt only when they change.

    Two small queries per search tell whether anything changed since it was built: a page
    published, unpublished, deleted or hidden, a synonym added, changed or deleted.
    """
    state = (
        tuple(pages.aggregate(count=Count("pk"), latest=Max("last_published_at")).values()),
        tuple(Synonym.objects.aggregate(count=Count("pk"), latest=Max("updated_at")).values()),
    )
    cached = _vocabularies.get(locale.pk)
    if cached and cached[0] == state:
        return cached[1]
    vocabulary = Vocabulary(
        page_words=page_words(pages),
        synonym_groups=[synonym.phrases() for synonym in Synonym.objects.all()],
    )
    _vocabularies[locale.pk] = (state, vocabulary)
    return vocabulary


def forget_vocabularies():
    """Drop the vocabularies kept in memory (tests whose pages share a count and a date)."""
    _vocabularies.clear()


def page_words(pages):
    """How often each word appears in the pages, read from the search index's plain text."""
    if connection.vendor == "postgresql":
        # The index holds PostgreSQL's stemmed vectors, and the text beside them for fuzzy search.
        text_fields = ["index_entries__title_text", "index_entries__body_text"]
    else:
        text_fields = ["index_entries__title", "index_entries__body"]
    counts = Counter()
    for texts in pages.values_list(*text_fields).iterator():
        for text in texts:
            if text:
                counts.update(words(text))
    return counts
