"""TRANSITIONAL shim for ``assistant/answering/rules_bridge.py`` only; delete it once that module calls
``assistant.reading.read_question_figures(text, reader)`` with its bundle's ``FactReader``.

It keeps the old ``extract_facts(text)`` signature by reading with the default package's words.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.reading import FactReader, Reading, read_question_figures


@lru_cache(maxsize=1)
def _default_reader() -> FactReader:
    from assistant.corpus import load_packages

    return FactReader.from_facts(load_packages()[0].facts)


def extract_facts(text: str) -> Reading:
    """The figures a question states, read with the default package (see module docstring)."""
    return read_question_figures(text, _default_reader())
