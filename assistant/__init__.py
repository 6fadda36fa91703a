"""policy-assistant: clause-cited answers and eligibility pre-checks for one regulation."""

__version__ = "0.1.0"
