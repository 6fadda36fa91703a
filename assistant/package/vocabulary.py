"""``vocabulary.yaml``: the words callers use for a regulation, and the replies that name it.

Categories' words, the aspects a question asks about, the topics the text leaves open (with their
reply and examples), the thesaurus (callers' words → the text's words), the tokenizer's domain
dictionary, places whose own policies are out of scope, and the fixed replies.
"""

from __future__ import annotations

from pydantic import model_validator

from assistant.package.base import PackageModel


class CategoryWords(PackageModel):
    id: str
    words: list[str]
    # Another category whose words are part of this one's name ("双跨平台" is not the platform subsidy):
    # when both are found, that one is dropped unless one of ``keeps_other_when`` is present too.
    shadows: str | None = None
    keeps_other_when: list[str] = []


class OpenTopic(PackageModel):
    """Something the text leaves to others (deadline, tax …): recognised by words and examples."""

    id: str
    words: list[str]
    examples: list[str] = []
    reply: str


class Replies(PackageModel):
    """Fixed sentences of the answers; ``{…}`` fields are filled in by the answering code."""

    draft_note: str
    not_covered: str
    not_covered_hint: str
    uncovered_terms: str  # {terms}
    uncovered_terms_note: str  # {terms}
    injection_only: str
    deception: str = ""  # a request for help to fabricate or to get round a review (else injection_only)
    no_figure: str  # {quoted}
    clarify: str  # {asked} {choices}
    clarify_amount: str
    clarify_condition: str
    clarify_other: str
    merit_based: str
    about_category: str  # {title}
    also_eligible: str
    threshold_met: str  # {value} {wording} {note}
    threshold_unmet: str  # {value} {wording} {note} {gap}
    below_threshold: str  # a rate-based amount asked for a figure under the category's threshold
    per_programme: str = ""  # {count} {each} {total}
    # A condition the question's own statements settle (分公司 → the legal-form condition): {wording} {reading};
    # a package without them gives no such line.
    condition_met: str = ""
    condition_unmet: str = ""


class VocabularyFile(PackageModel):
    regulation: str
    categories: list[CategoryWords]
    aspects: dict[str, list[str]]  # material | amount | condition → words asking about it
    evidence_words: list[str]  # asking how a condition is proven
    merit_word: str  # the word of an amount clause that makes it merit-based (择优)
    amount_clause_words: list[str]  # the words of an amount clause's sentence that states the sum
    first_time_word: str = ""  # the word that makes a count of programmes count for a per-programme amount (首次)
    open_topics: list[OpenTopic]
    out_of_scope_words: list[str]
    other_places: list[str]
    registration_words: list[str]
    domain_words: list[str]
    generic_nouns: list[str]
    vague_filler: list[str]
    thesaurus: dict[str, str]
    dictionary: list[str]  # extra words for the tokenizer
    replies: Replies
    # English phrases callers use → the text's Chinese words, read into a Chinese query for an English
    # question (assistant.language.english.EnglishGlossary); empty: English questions are read as they are.
    english: dict[str, str] = {}

    def spelling_terms(self) -> list[str]:
        """The words a typo by sound is corrected to: dictionary, category and domain words, thesaurus keys."""
        return list(dict.fromkeys([
            *(entry.split()[0] for entry in self.dictionary),
            *(word for category in self.categories for word in category.words),
            *self.thesaurus,
            *self.domain_words,
        ]))

    @model_validator(mode="after")
    def _aspects_known(self) -> VocabularyFile:
        unknown = set(self.aspects) - {"material", "amount", "condition"}
        if unknown:
            raise ValueError(f"aspects {sorted(unknown)}: only material, amount and condition are asked about")
        return self
