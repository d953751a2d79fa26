"""Load mtqa's models when a Dask worker starts, not in the first part of the first run.

Start workers with it::

    dask worker tcp://SCHEDULER:8786 --nthreads 1 --preload mtqa.distributed.preload
    dask worker ... --preload mtqa.distributed.preload --preload-argv "--mtqa-lang fr"

Dask imports this module in each worker process and calls :func:`dask_setup` before the worker
takes tasks. It checks a short text with the default rules of the language, which loads what a
run needs and keeps it for the life of the process: the spaCy pipeline, the lexicon, the word
frequencies, the language models. A worker serves many runs, so the cost is paid once per worker
and not once per run; tasks of a run with other options reuse the same models (the per-process
caches are keyed by what is loaded, not by the run).

Nothing here imports Dask; a failure to load is logged and the worker starts anyway (its first
task then loads what it needs, or reports the problem per record as without a preload).
"""

from __future__ import annotations

import logging

import click

log = logging.getLogger("mtqa.distributed")

# a few sentences that go through every default rule family: names, agreement, numbers
_WARM_TEXT = (
    "Le Parlement européen a adopté lundi une nouvelle directive sur les données.\n\n"
    "Selon la présidente de la commission, les 27 États membres devront l'appliquer d'ici 2027.\n"
)


def warm(lang: str = "fr") -> None:
    """Load the models and lexicons of ``lang`` into this process by checking a short text."""
    from ..config import Config
    from ..pipeline import Pipeline, preload_models
    from ..readers.text import read_text

    pipeline = Pipeline(Config(lang=lang))
    preload_models(pipeline.engine)
    if lang == "fr":
        pipeline.check(read_text(_WARM_TEXT, "<warm-up>"))


@click.command()
@click.option("--mtqa-lang", default="fr", show_default=True, help="the target language to load")
def dask_setup(worker: object, mtqa_lang: str) -> None:
    """Dask's preload hook: called once in each worker process before it runs a task."""
    try:
        warm(mtqa_lang)
    except Exception as exc:  # noqa: BLE001 - a worker must start even if a model is missing
        log.warning("mtqa preload: models not loaded (%s: %s)", type(exc).__name__, exc)
