"""The on-disk caches: version keys, corrupt and stale files rebuilt silently, regular
expressions made from cached code that behave as the stock ones."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa import cache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(d))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return d


def test_round_trip_and_version_key(cache_dir):
    value = {"chat": 1.5e-05, "chien": 2.0e-06, "liste": [1, 2, 3], "paire": ("a", None)}
    assert cache.store("table", "k1", value)
    assert cache.load("table", "k1") == value
    assert cache.load("table", "k2") is None  # made by other versions: stale
    assert cache.load("absent", "k1") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-3] + bytes([b[-3] ^ 0xFF]) + b[-2:],  # one byte flipped
        lambda b: b"",  # empty
        lambda b: os.urandom(len(b)),  # garbage
    ],
    ids=["truncated", "flipped", "empty", "garbage"],
)
def test_corrupt_file_is_rebuilt(cache_dir, damage):
    calls = []

    def build():
        calls.append(1)
        return {"mot": 3.2}

    assert cache.cached("freq", "k", build) == {"mot": 3.2}
    path = cache_dir / "freq.bin"
    path.write_bytes(damage(path.read_bytes()))
    assert cache.cached("freq", "k", build) == {"mot": 3.2}
    assert len(calls) == 2  # rebuilt once ...
    assert cache.cached("freq", "k", build) == {"mot": 3.2}
    assert len(calls) == 2  # ... and read back whole afterwards


def test_wrong_shape_is_rebuilt(cache_dir):
    cache.store("shape", "k", [1, 2])
    assert cache.cached("shape", "k", lambda: {"ok": 1}, check=lambda v: isinstance(v, dict)) == {"ok": 1}
    assert cache.load("shape", "k") == {"ok": 1}


def test_caching_off(cache_dir, monkeypatch):
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    assert not cache.store("off", "k", 1)
    assert cache.cached("off", "k", lambda: 7) == 7
    assert not (cache_dir / "off.bin").exists()


def test_unwritable_directory_only_costs_the_rebuild(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be\n")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(blocker / "mtqa"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    assert cache.cached("x", "k", lambda: [1]) == [1]


def _long_pattern() -> str:
    # a long alternation with large character classes, like the French tokenizer's token_match
    letters = "a-zà-öø-ÿœæ\\u0100-\\u017f"
    stems = ["porte", "garde", "arc", "contre", "entre", "sous", "grand", "mi", "demi", "vice"]
    return "(?iu)" + "|".join(f"(?:^{s}[-‐][{letters}]+(?:[-‐'’][{letters}]+)*$)" for s in stems * 12)


def test_regex_from_cached_code_behaves_as_stock(cache_dir):
    pattern = _long_pattern()
    assert len(pattern) >= cache.MIN_CACHED_PATTERN
    stock = re._compiler.compile(pattern, 0)
    words = ["porte-monnaie", "Garde-Côtes", "arc-en-ciel", "contre-attaque", "entre'deux", "sous-marin",
             "grand-mère", "MI-TEMPS", "demi-heure", "vice-président", "portemonnaie", "porte-", "chat"]
    before = dict(cache.regex_stats)
    for _ in range(2):  # first compiled and stored, then made from the cached code
        re.purge()
        with cache.compiled_regexes("regex-test", "test-key"):
            made = re.compile(pattern)
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (stock.pattern, stock.flags, stock.groups, stock.groupindex)
        assert [bool(made.match(w)) for w in words] == [bool(stock.match(w)) for w in words]
    assert cache.regex_stats["misses"] == before["misses"] + 1
    assert cache.regex_stats["hits"] == before["hits"] + 1
    # a corrupt cache file: compiled again without a word
    path = cache_dir / "regex-test.bin"
    path.write_bytes(path.read_bytes()[:100])
    re.purge()
    with cache.compiled_regexes("regex-test", "test-key"):
        made = re.compile(pattern)
    assert [bool(made.match(w)) for w in words] == [bool(stock.match(w)) for w in words]
    assert cache.regex_stats["misses"] == before["misses"] + 2
    assert re._compiler.compile is not None and re._compiler.compile.__module__ == "re._compiler"


def test_bad_pattern_still_raises_re_error(cache_dir):
    with cache.compiled_regexes("regex-bad", "k"), pytest.raises(re.error):
        re.compile("[" + "a" * 3000)


def test_cli_run_with_corrupt_caches_gives_same_report(tmp_path, cache_dir):
    """A whole check (all rules) with an empty cache, then with every cache file damaged: the
    same report both times, no traceback, and the files are whole again afterwards."""
    env = dict(os.environ)
    article = ROOT / "corpora" / "news" / "02-crues-baviere.txt"

    def run(out: Path) -> dict:
        proc = subprocess.run(
            [sys.executable, "-m", "mtqa", "check", str(article), "--format", "json", "-o", str(out), "--fail-on", "never"],
            env=env, capture_output=True, text=True, cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        return json.loads(out.read_text(encoding="utf-8"))["documents"]

    first = run(tmp_path / "a.json")
    files = sorted([*cache_dir.glob("*.bin"), *cache_dir.glob("*.sqlite")])
    names = {f.name for f in files}
    assert {"regex-fr_core_news_sm.bin", "wordfreq-fr.t2.sqlite", "langdetect-profiles.t2.sqlite", "lexicon-fr.bin"} <= names
    for f in files:
        data = f.read_bytes()
        f.write_bytes(data[: len(data) // 3] + b"\x00garbage")
    second = run(tmp_path / "b.json")
    assert second == first
    for f in files:
        if f.suffix == ".bin":
            assert cache.load(f.stem, _key_in(f)) is not None, f.name
        else:
            with sqlite3.connect(f) as conn:
                assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 50_000, f.name


def test_frequency_table_rebuilt_when_corrupt_or_stale(cache_dir, monkeypatch):
    from mtqa.analysis import langid

    table = langid.FrequencyTable("fr")
    stock = langid._stock_frequency_dict("fr")
    words = ["maison", "aujourd'hui", "le", "gouvernement", "zzzqx"]
    expected = [stock.get(w) for w in words]
    assert [table.get(w) for w in words] == expected
    path = cache_dir / "wordfreq-fr.t2.sqlite"
    assert path.is_file()
    for damage in (lambda b: b[:4096], lambda b: b"garbage" * 100):
        path.write_bytes(damage(path.read_bytes()))
        fresh = langid.FrequencyTable("fr")  # a new process would start so
        assert [fresh.get(w) for w in words] == expected
        assert "maison" in fresh and fresh["maison"] == stock["maison"]
    # another wordfreq version: the file is stale and made again
    from mtqa.analysis import frequencies

    monkeypatch.setattr(frequencies, "_wordfreq_key", lambda: "another-version")
    assert langid.FrequencyTable("fr").get("maison") == stock["maison"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT v FROM meta").fetchone()[0] == "another-version"


def _key_in(path: Path) -> str:
    data = path.read_bytes()
    start = len(b"mtqa-cache 1\n")
    return data[start : data.index(b"\n", start)].decode("utf-8")


def test_check_without_parse_loads_no_model():
    """A check whose rules need no parse imports no spaCy, and one without word-level language
    evidence builds no character model (nor reads the agreement lexicon)."""
    code = (
        "import sys\n"
        "sys.argv = ['mtqa', 'check', 'corpora/news/01-usine-batteries.txt', '--select', 'boilerplate',"
        " '--fail-on', 'never', '--format', 'json']\n"
        "from mtqa.cli import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "from mtqa.analysis import wordlang\n"
        "lex = sys.modules.get('mtqa.lexicon')\n"
        "print('RESULT', 'spacy' in sys.modules, 'thinc' in sys.modules, wordlang.char_model.cache_info().currsize,"
        " lex.load.cache_info().currsize if lex else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert '"rule": "MTQ401"' in proc.stdout  # the check did run and find the page residue
    result = proc.stdout.rsplit("RESULT", 1)[1].split()
    assert result == ["False", "False", "0", "0"]


def test_lexicon_and_verb_table_from_the_cache_answer_as_from_the_shipped_files(cache_dir, monkeypatch):
    """The French lexicon and verb table read back from the cache give the same analyses,
    inflections and conjugations as the ones parsed from the shipped files."""
    from mtqa import lexicon

    def fresh():
        lexicon.load.cache_clear()
        lexicon.verbs.cache_clear()
        return lexicon.load("fr"), lexicon.verbs("fr")

    try:
        monkeypatch.setenv("MTQA_NO_CACHE", "1")
        plain, plain_verbs = fresh()
        monkeypatch.delenv("MTQA_NO_CACHE")
        fresh()  # builds and writes the cache files
        assert {"lexicon-fr.bin", "verbs-fr.bin"} <= {f.name for f in cache_dir.glob("*.bin")}
        cached, cached_verbs = fresh()  # read back
        assert len(cached) == len(plain) and len(cached_verbs) == len(plain_verbs)
        for w in ("maison", "petites", "nouvel", "ministre", "envolés", "heure", "prix"):
            assert cached.analyses(w) == plain.analyses(w), w
            assert cached.noun(w) == plain.noun(w), w
        assert cached.inflect("petit", "f", "p") == plain.inflect("petit", "f", "p") == "petites"
        assert cached_verbs.analyses("mangent") == plain_verbs.analyses("mangent")
        assert cached_verbs.form("avoir", "ind", "pre", "3", "p") == plain_verbs.form("avoir", "ind", "pre", "3", "p") == "ont"
    finally:
        lexicon.load.cache_clear()
        lexicon.verbs.cache_clear()


def test_yaml_packs_are_read_from_the_cache_until_their_text_changes(tmp_path, cache_dir, monkeypatch):
    from mtqa import packs
    from mtqa.errors import ConfigError

    pack = tmp_path / "packs" / "fr" / "essai.yaml"
    pack.parent.mkdir(parents=True)
    pack.write_text("mots: [chat, chien]\nseuil: 0.5\nactif: true\n", encoding="utf-8")
    first = packs._read_yaml(pack)
    assert first == {"mots": ["chat", "chien"], "seuil": 0.5, "actif": True}
    assert list(cache_dir.glob("yaml-*.bin")), "the parse is stored"

    import yaml

    def no_parser(*args, **kwargs):
        raise AssertionError("the YAML parser ran on an unchanged file")

    with monkeypatch.context() as m:
        m.setattr(yaml, "load", no_parser)
        assert packs._read_yaml(pack) == first  # unchanged text: from the cache

    pack.write_text("mots: [oiseau]\n", encoding="utf-8")
    assert packs._read_yaml(pack) == {"mots": ["oiseau"]}  # edited: parsed again
    pack.write_text("mots: [oiseau\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML"):
        packs._read_yaml(pack)
    pack.write_bytes(b"mots: [\xff]\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        packs._read_yaml(pack)


def test_langdetect_profiles_looked_up_from_the_cache_answer_as_langdetect(cache_dir):
    """langdetect's n-gram profiles read n-gram by n-gram from the SQLite cache give the very
    probabilities langdetect's own loaded profiles give, also after the file was damaged."""
    from langdetect import DetectorFactory, detector_factory

    from mtqa.analysis import langid

    stock = DetectorFactory()
    stock.load_profile(detector_factory.PROFILES_DIRECTORY)
    texts = [
        "Le conseil municipal a voté hier soir le budget de la piscine, malgré l'opposition.",
        "Die Gemeinde hat gestern den Haushalt für das neue Schwimmbad beschlossen.",
        "The council approved the budget for the new swimming pool last night.",
    ]

    def probabilities(factory) -> list[list[tuple[str, float]]]:
        out = []
        for text in texts:
            det = factory.create()
            det.n_trial = langid.N_TRIALS
            det.append(text)
            out.append([(p.lang, p.prob) for p in det.get_probabilities()])
        return out

    DetectorFactory.seed = 0
    expected = probabilities(stock)
    for damage in (None, lambda b: b[:8192], lambda b: b"garbage" * 100):
        if damage is not None:
            path = cache_dir / "langdetect-profiles.t2.sqlite"
            path.write_bytes(damage(path.read_bytes()))
        langid._factory.cache_clear()
        detector_factory._factory = None
        factory = langid._factory()
        assert factory.get_lang_list() == stock.get_lang_list()
        DetectorFactory.seed = 0
        assert probabilities(factory) == expected
        assert "zzqq" not in factory.word_lang_prob_map
    langid._factory.cache_clear()
    detector_factory._factory = None
