"""One exception tree for the whole assistant; each error has a stable machine-readable code."""


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose."""

    code = "assistant_error"
    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ClauseNotFound(AssistantError):
    code = "clause_not_found"
    http_status = 404


class UnknownCategory(AssistantError):
    code = "unknown_category"
    http_status = 404


class SessionNotFound(AssistantError):
    code = "session_not_found"
    http_status = 404


class InvalidInput(AssistantError):
    code = "invalid_input"
    http_status = 422


class CorpusError(AssistantError):
    """A regulation text or its metadata cannot be parsed."""

    code = "corpus_error"
    http_status = 500


class RuleDataError(AssistantError):
    """A rule file is malformed or disagrees with the clause it cites."""

    code = "bad_rule_data"
    http_status = 500


class UnknownRegulation(AssistantError):
    code = "unknown_regulation"
    http_status = 404
