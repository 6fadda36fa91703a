"""The HTTP face of the assistant: routes and schemas only, no domain logic."""

from assistant.api.app import create_app

__all__ = ["create_app"]
