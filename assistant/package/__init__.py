"""The shapes of a regulation package's data files (``corpus/<id>/``), validated at load.

Pure pydantic models, ``extra="forbid"`` everywhere: a misspelt key is an error naming the file and
the entry, and the server refuses to start on a broken package. Loading (I/O) is ``assistant.corpus``.
"""

from assistant.package.facts import Choice, FactsFile, FactSpec, SectionSpec
from assistant.package.meta import PackageMeta
from assistant.package.questions import LabelledQuestion, QuestionsFile
from assistant.package.vocabulary import VocabularyFile

__all__ = [
    "Choice",
    "FactSpec",
    "FactsFile",
    "LabelledQuestion",
    "PackageMeta",
    "QuestionsFile",
    "SectionSpec",
    "VocabularyFile",
]
