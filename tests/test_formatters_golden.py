"""Golden files: every CI and dashboard format on the sample corpus ``corpora/news``.

The run is pinned to the structural rules (MTQ4xx: page residue, duplication, truncation) so that
the files change when a formatter changes, not each time a language rule is tuned. Paths are
relative to the checkout and the tool version is replaced by ``<VERSION>``; in the SARIF file the
rules' documentation texts are replaced by a placeholder.

Regenerate after an intended change with ``MTQA_UPDATE_GOLDEN=1 pytest tests/test_formatters_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mtqa import __version__, formatters

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MTQA_UPDATE_GOLDEN", "") not in ("", "0")
FILES = {"sarif": "news.sarif", "junit": "news.junit.xml", "github": "news.github.txt", "markdown": "news.md", "html": "news.html"}


@pytest.fixture(scope="module")
def news_report():
    from mtqa.api import check_paths
    from mtqa.config import Config

    if not sorted((ROOT / "corpora" / "news").glob("*.txt")):
        pytest.skip("the sample corpus corpora/news is missing")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        yield check_paths(["corpora/news"], Config(lang="fr", select=["MTQ4"], fail_on="warning"))
    finally:
        os.chdir(cwd)


def normalise(text: str) -> str:
    text = text.replace(ROOT.as_uri(), "file:///ROOT").replace(str(ROOT), "/ROOT")
    return text.replace(f"mtqa {__version__}", "mtqa <VERSION>").replace(f'"{__version__}"', '"<VERSION>"')


def render(report, fmt: str) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        text = normalise(formatters.render(report, fmt))
    finally:
        os.chdir(cwd)
    if fmt == "sarif":
        # rule documentation comes from the rules' docstrings, tested with the rules and in
        # test_formatters.py; kept out of the golden file so that editing a docstring does not touch it
        data = json.loads(text)
        for rule in data["runs"][0]["tool"]["driver"]["rules"]:
            for key in ("fullDescription", "help"):
                for form in rule.get(key, {}):
                    rule[key][form] = "<rule documentation>"
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_golden(news_report, fmt):
    path = GOLDEN / FILES[fmt]
    got = render(news_report, fmt)
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"{path.name} did not exist and was written; review and commit it")
        return
    want = path.read_text(encoding="utf-8")
    assert got == want, f"{path.name} differs; if the change is intended, rerun with MTQA_UPDATE_GOLDEN=1 and review the diff"


def test_golden_run_is_deterministic(news_report):
    from mtqa.api import check_paths
    from mtqa.config import Config

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        again = check_paths(["corpora/news"], Config(lang="fr", select=["MTQ4"], fail_on="warning"))
    finally:
        os.chdir(cwd)
    for fmt in FILES:
        assert render(again, fmt) == render(news_report, fmt)


def test_golden_sarif_validates():
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    path = GOLDEN / FILES["sarif"]
    if not path.exists():
        pytest.skip("golden SARIF not written yet")
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
