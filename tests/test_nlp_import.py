"""spaCy is imported without its command line, and stays whole for whoever needs that later."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from mtqa import nlp
doc = nlp.pipeline("fr")("Les élus se sont réunis mardi soir à la mairie.")
print([t.dep_ for t in doc][:3])
print(sorted(m for m in sys.modules if m.startswith(("spacy.cli", "weasel", "httpx"))))
import spacy
import spacy.cli
print(callable(spacy.cli.download), callable(spacy.info))
"""


def test_the_parse_does_not_import_spacys_command_line():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    deps, modules, cli = out.stdout.strip().splitlines()
    assert deps == "['det', 'nsubj', 'expl:comp']"
    assert modules == "[]"
    assert cli == "True True"
