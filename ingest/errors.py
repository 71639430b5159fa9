"""The one exception the pipeline raises for a file it will not take."""


class IngestError(Exception):
    """A failure with a reason code from archive.reasons (and its parameters), shown to the contributor."""

    def __init__(self, reason: str, **params):
        super().__init__(reason, params)
        self.reason, self.params = reason, params

    def __str__(self):
        return f"{self.reason} {self.params}" if self.params else self.reason
