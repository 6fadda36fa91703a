"""Reading facts from applicants' own words, with one regulation package's fact words.

Below both ``answering`` and ``conversation`` (which never import each other): it depends only on
``language``, ``package`` and ``eligibility``. ``read_facts(message, context, reader)`` is the entry
point; ``FactReader.from_facts(package.facts)`` builds the reader once per package.
"""

from assistant.reading.extraction import (
    Reading,
    ReadingContext,
    UnderstoodFact,
    read_facts,
    read_question_figures,
    warm_up,
)
from assistant.reading.facts_merge import fact_paths, merge_facts, value_at
from assistant.reading.quantities import another_sum_after, another_sum_before
from assistant.reading.reader import FactReader

__all__ = [
    "FactReader",
    "Reading",
    "ReadingContext",
    "UnderstoodFact",
    "another_sum_after",
    "another_sum_before",
    "fact_paths",
    "merge_facts",
    "read_facts",
    "read_question_figures",
    "value_at",
    "warm_up",
]
