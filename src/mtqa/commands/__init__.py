"""Extra CLI commands. Every module here is imported by :mod:`mtqa.cli` and registers its
commands on ``mtqa.cli.app`` with ``@app.command()``."""
