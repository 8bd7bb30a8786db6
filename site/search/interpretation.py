"""What a resident's query asks for, in every way the pages may write it.

« aides a domicile » asks for one thing, a job the editors gave a synonym, « auxiliaire de vie »:
a page answers when it holds « aide » and « domicile », or « auxiliaire » and « vie ». Each word
is also spelt as the pages spell it (see search.vocabulary). The result is a query for
Wagtail's search backend, and a measure of how well a page's title answers it, for the ranking.
"""

from dataclasses import dataclass
from functools import cached_property

from modelsearch.query import And, Or, PlainText

from search.words import light_stem, words

# Nobody types more; the rest is left out, which bounds the corrections one search may ask for.
MAX_WORDS = 10


@dataclass(frozen=True)
class Wanted:
    """One thing the query asks for: a word, or a job with all its names.

    `phrases` holds the ways to say it; each phrase is a tuple of words, each word the set of its
    spellings. A page answers when it holds every word of one phrase, in any spelling. `typed` is
    the phrase of the resident's own words (in their spellings), which the ranking prefers to a
    synonym.
    """

    phrases: tuple
    typed: tuple
    in_pages: bool = True

    def as_search_query(self):
        """Any phrase, each of its words in any spelling, as a query for Wagtail's backend."""
        return any_of(
            all_of(any_of(PlainText(spelling) for spelling in sorted(word)) for word in phrase)
            for phrase in self.phrases
        )

    @cached_property
    def phrase_stems(self):
        """`phrases` with each spelling as its light stem, to compare with a title's words."""
        return tuple(stem_phrase(phrase) for phrase in self.phrases)

    @cached_property
    def typed_stems(self):
        return stem_phrase(self.typed)

    def is_in(self, stems):
        """Whether a text whose words have these light stems holds one of the phrases."""
        return any(holds(phrase, stems) for phrase in self.phrase_stems)

    def is_typed_in(self, stems):
        """Whether a text whose words have these light stems holds the resident's own words."""
        return holds(self.typed_stems, stems)


def stem_phrase(phrase):
    return tuple(frozenset(map(light_stem, word)) for word in phrase)


def holds(stemmed_phrase, stems):
    return all(not word.isdisjoint(stems) for word in stemmed_phrase)


def any_of(queries):
    queries = list(queries)
    return queries[0] if len(queries) == 1 else Or(queries)


def all_of(queries):
    queries = list(queries)
    return queries[0] if len(queries) == 1 else And(queries)


def interpret(query, vocabulary):
    """The things `query` asks for, each in all its spellings and synonyms.

    A word that no page holds, even corrected, is left out when others remain: « cariste cdi »
    finds the cariste offers rather than nothing. When no word is known, all of them stay and the
    search finds nothing, as it should.
    """
    typed = words(query)[:MAX_WORDS]
    spellings = [vocabulary.spellings(word) or frozenset({word}) for word in typed]
    stems = [{light_stem(word) for word in options} for options in spellings]
    wanted = []
    position = 0
    while position < len(typed):
        length, phrases = synonyms_at(position, stems, vocabulary.synonym_groups)
        if phrases:
            wanted.append(
                Wanted(
                    phrases=tuple(
                        tuple(vocabulary.spellings(word) or frozenset({word}) for word in phrase)
                        for phrase in phrases
                    ),
                    typed=tuple(spellings[position : position + length]),
                )
            )
        else:
            length = 1
            wanted.append(
                Wanted(
                    phrases=((spellings[position],),),
                    typed=(spellings[position],),
                    in_pages=vocabulary.is_in_pages(spellings[position]),
                )
            )
        position += length
    return [item for item in wanted if item.in_pages] or wanted


def synonyms_at(position, stems, synonym_groups):
    """The longest synonym term the query holds from `position`: its length and all its synonyms.

    Every group holding a term of that length there counts, so that a term two groups share
    brings both groups' terms.
    """
    best_length, phrases = 0, []
    for group in synonym_groups:
        for phrase in sorted(group, key=len, reverse=True):
            length = len(phrase)
            if length < best_length or position + length > len(stems):
                continue
            if all(
                light_stem(word) in stems[position + offset] for offset, word in enumerate(phrase)
            ):
                if length > best_length:
                    best_length, phrases = length, []
                phrases.extend(other for other in group if other not in phrases)
                break
    return best_length, phrases


def title_match(wanted, title):
    """How well `title` answers: the share of things wanted it holds (under any name, then in the
    resident's own words), and the share of its words that were asked for.

    « Cariste (H/F) » answers « cariste » (1, 1, 1) better than « Cariste de nuit (H/F) »
    (1, 1, ½), and both better than a page that only names caristes in its text (0, 0, 0).
    « Aide à domicile (H/F) » answers « aide a domicile » (1, 1, 1) better than its synonym
    « Auxiliaire de vie (H/F) » (1, 0, 1).
    """
    title_stems = {light_stem(word) for word in words(title)}
    if not wanted or not title_stems:
        return 0, 0, 0
    found = [item for item in wanted if item.is_in(title_stems)]
    typed = [item for item in found if item.is_typed_in(title_stems)]
    used_stems = {
        stem for item in found for phrase in item.phrase_stems for word in phrase for stem in word
    }
    return (
        len(found) / len(wanted),
        len(typed) / len(wanted),
        len(title_stems & used_stems) / len(title_stems),
    )
