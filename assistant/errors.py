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


class SessionConflict(AssistantError):
    """The session changed between reading and writing it (optimistic concurrency lost)."""

    code = "session_conflict"
    http_status = 409


class SessionFull(AssistantError):
    """The session holds the configured maximum number of turns."""

    code = "session_full"
    http_status = 409


class StorageUnavailable(AssistantError):
    """The session store cannot be read or written right now (locked, full, read-only, damaged)."""

    code = "storage_unavailable"
    http_status = 503
    retry_after_s = 2


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


class IndexNotReady(AssistantError):
    """A read-only worker found no vector index for its corpus (the one-time build has not run)."""

    code = "index_not_ready"
    http_status = 503


class SchemaNotMigrated(AssistantError):
    """The session database lacks migrations and this process was told not to apply them."""

    code = "schema_not_migrated"
    http_status = 503


class UnknownRegulation(AssistantError):
    code = "unknown_regulation"
    http_status = 404
