"""The evaluation runner: labelled suites, metrics, gates and reports behind `assistant eval`."""
