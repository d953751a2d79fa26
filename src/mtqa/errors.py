"""Exceptions that become one clear line on stderr and exit code 2."""


class MtqaError(Exception):
    """A usage or input error: shown as one line, never as a traceback."""


class InputProblem(MtqaError):
    """A file that cannot be read as a document (missing, binary, invalid UTF-8, empty, malformed)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ConfigError(MtqaError):
    """Invalid configuration, option value or rule pack."""
