"""spaCy pipelines: each loaded once per process, only with the components that are needed.

Rules never load models themselves; they ask the context for the shared parse of a document
(one ``spacy.tokens.Doc`` per paragraph, parsed in batches with ``nlp.pipe``). Token offsets are
relative to the paragraph: add ``paragraph.start`` to get document offsets.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

    from .model import Document

# Pipeline package per target language. Another language is added by naming its package here
# (and a rule pack under rules/<lang>/).
MODELS: dict[str, str] = {
    "fr": "fr_core_news_sm",
    "en": "en_core_web_sm",
    "de": "de_core_news_sm",
    "es": "es_core_news_sm",
    "it": "it_core_news_sm",
}

_lock = threading.Lock()

# Longest text handed to the parser at once. A longer paragraph is parsed in windows of whole
# sentences, joined back into one Doc with the same offsets; a single sentence longer than this
# is not parsed (the parse-needing rules skip its paragraph and the run says so once).
MAX_PARSE_CHARS = 100_000


class ModelUnavailable(RuntimeError):
    pass


# A packaged pipeline's vocab/strings.json holds every string of its training data (148,000 for
# fr_core_news_sm, 2.2 MB); spaCy interns them all at load, a fifth of a second of CPU and about
# 15 MiB a process. Nothing a parse does needs them there: the models work on hashes, every
# string the tokenizer, the tagger, the morphologizer, the parser, the lemmatizer and the entity
# recognizer set is added to the store when it is set, and the loader resets the lexemes anyway.
# So the strings are left out of the load ("strings" excluded, which spaCy's Vocab.from_disk
# honours); the parses are the same, token by token (bench/parse_equivalence.py --compare
# strings). MTQA_SPACY_STRINGS=1 loads them as spaCy does.
@lru_cache(maxsize=None)
def _load(package: str, exclude: tuple[str, ...]) -> Language:
    from . import cache

    # spaCy's French tokenizer compiles a 1.4 MB regular expression (its token_match) when its
    # language class is imported: seconds of CPU at every start. Its compiled code is cached
    # on disk, keyed by the spaCy and model versions (see mtqa.cache.compiled_regexes).
    key = f"spacy={cache.package_version('spacy')}|{package}={cache.package_version(package)}"
    with cache.compiled_regexes(f"regex-{package}", key):
        spacy = _import_spacy()
        from thinc.api import get_current_ops, set_current_ops

        before = get_current_ops()
        ops = model_ops()
        if ops is not None:  # the layers take the current ops when they are built
            set_current_ops(ops)
        skip = list(exclude)
        if not os.environ.get("MTQA_SPACY_STRINGS"):
            skip.append("strings")  # see VOCAB_STRINGS below
        try:
            loaded = spacy.load(package, exclude=skip)
        except OSError as exc:
            raise ModelUnavailable(f"spaCy model {package!r} is not installed") from exc
        finally:
            set_current_ops(before)
    if not os.environ.get("MTQA_STOCK_RULER"):
        fast_attribute_ruler(loaded)
    return loaded


# -- the attribute ruler, without its matcher ------------------------------------------------------
# The French models end with an attribute ruler of one-token patterns: copy each token's part of
# speech into its tag, and give whitespace tokens the SPACE part of speech, no morphology and the
# "dep" label. spaCy runs them through its Matcher and a Span per match, a seventh of a parse's
# CPU time for what is a look-up per token. Rulers made only of such patterns get a __call__
# that finds the same tokens with numpy and sets the same attributes with spaCy's own setter, in
# the same order; any other ruler is left as it is. bench/parse_equivalence.py --ruler compares
# the two on the French texts of the benchmarks; MTQA_STOCK_RULER=1 keeps spaCy's.
class _RulerPlan:
    """One-token patterns of a ruler: the tag copies (part of speech -> tag), which come first,
    and the other patterns in order, each as (part of speech id or None, whitespace or None,
    dependency labels it must not have or None, spaCy's normalised attributes)."""

    def __init__(self, n: int, tags: list[tuple[int, int]], others: list[tuple]) -> None:
        self.n, self.tags, self.others = n, tags, others
        self._table = None

    def tag_table(self):
        """(tag value by part-of-speech id, whether that id has a copy pattern), as numpy
        arrays; for one part of speech the last pattern wins, as in spaCy's ruler."""
        if self._table is None:
            import numpy

            size = max(p for p, _ in self.tags) + 1
            lut = numpy.zeros(size, dtype=numpy.uint64)
            known = numpy.zeros(size, dtype=bool)
            for pos_id, value in self.tags:
                lut[pos_id] = value
                known[pos_id] = True
            self._table = (lut, known)
        return self._table


def _ruler_plan(ruler) -> _RulerPlan | None:
    from spacy.attrs import TAG
    from spacy.parts_of_speech import IDS as POS_IDS

    tags: list[tuple[int, int]] = []
    others: list[tuple] = []
    entries = ruler.patterns  # one per added entry, in attribute order
    if len(entries) != len(ruler.attrs):
        return None
    for k, entry in enumerate(entries):
        pats = entry.get("patterns") or []
        if len(pats) != 1 or len(pats[0]) != 1 or entry.get("index", 0) not in (0, -1):
            return None
        spec = pats[0][0]
        if not set(spec) <= {"POS", "IS_SPACE", "DEP"}:
            return None
        pos = spec.get("POS")
        if pos is not None and (not isinstance(pos, str) or pos not in POS_IDS):
            return None
        space = spec.get("IS_SPACE")
        if space is not None and not isinstance(space, bool):
            return None
        dep = spec.get("DEP")
        if dep is not None and not (isinstance(dep, dict) and set(dep) == {"NOT_IN"} and all(isinstance(x, str) for x in dep["NOT_IN"])):
            return None
        attrs = ruler.attrs[k]
        pos_id = int(POS_IDS[pos]) if pos is not None else None
        if set(spec) == {"POS"} and set(attrs) == {TAG}:
            if others:
                return None  # a tag copy after another pattern: the order would matter
            tags.append((pos_id, attrs[TAG]))
        else:
            others.append((pos_id, space, frozenset(dep["NOT_IN"]) if dep is not None else None, attrs))
    return _RulerPlan(len(entries), tags, others)


def _fast_call(self, doc):
    plan = self.__dict__.get("_mtqa_plan")
    if plan is None or plan.n != len(self.attrs):
        return type(self).__mro__[1].__call__(self, doc)  # patterns changed since: spaCy's way
    if not len(doc):
        return doc
    import numpy
    from spacy.attrs import IS_SPACE, POS, TAG
    from spacy.tokens._retokenize import set_token_attrs

    arr = doc.to_array([POS, IS_SPACE, TAG])
    pos, space = arr[:, 0], arr[:, 1]
    # every pattern matches the tokens as they were before any is changed (as the Matcher does)
    hits = []
    any_space = bool(space.any())
    for pos_id, is_space, dep_not_in, attrs in plan.others:
        if is_space and not any_space:
            continue  # (the usual case: a paragraph without whitespace tokens)
        mask = numpy.ones(len(doc), dtype=bool)
        if pos_id is not None:
            mask &= pos == pos_id
        if is_space is not None:
            mask &= space == (1 if is_space else 0)
        idx = [int(i) for i in numpy.flatnonzero(mask)]
        if dep_not_in is not None:
            idx = [i for i in idx if doc[i].dep_ not in dep_not_in]
        if idx:
            hits.append((idx, attrs))
    if plan.tags:
        lut, known = plan.tag_table()
        inside = pos < len(lut)
        copy = numpy.zeros(len(doc), dtype=bool)
        copy[inside] = known[pos[inside]]
        tag = arr[:, 2].copy()
        tag[copy] = lut[pos[copy]]
        doc.from_array([TAG], tag)
    for idx, attrs in hits:
        for i in idx:
            set_token_attrs(doc[i], attrs)
    return doc


_FAST_CLASSES: dict[type, type] = {}


def fast_attribute_ruler(nlp: Language) -> bool:
    """Give ``nlp``'s attribute ruler the matcher-free __call__ when all its patterns allow it
    (see above); whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        plan = _ruler_plan(ruler)
    except Exception:  # noqa: BLE001 - another spaCy's ruler: keep it as it is
        return False
    if plan is None:
        return False
    base = type(ruler)
    cls = _FAST_CLASSES.get(base)
    if cls is None:
        cls = _FAST_CLASSES[base] = type(f"Fast{base.__name__}", (base,), {"__call__": _fast_call})
    ruler.__class__ = cls
    ruler._mtqa_plan = plan
    return True


# OpenBLAS entry points that set and read its thread count, by build (numpy's wheels bundle a
# 64-bit-integer build with prefixed names)
_OPENBLAS_THREADS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def model_ops():
    """thinc's ops for the models' layers: numpy's matrix products on one OpenBLAS thread, or
    ``None`` (thinc's default, BLIS) when numpy's BLAS is not an OpenBLAS whose thread count can
    be set to 1, or ``MTQA_BLIS=1`` is set.

    The tok2vec layers are matrix products; on current x86 processors numpy's OpenBLAS does
    them 3 times faster than the BLIS build thinc ships (AVX-512 kernels), halving the tagger's
    embedding time. One thread, because a run's CPU time is what counts and the worker pool
    (``--jobs``) uses the cores; several OpenBLAS threads on a shared machine spin and multiply
    the CPU time. The tags, morphology and trees are the same (bench/parse_equivalence.py).
    """
    import os

    if os.environ.get("MTQA_BLIS"):
        return None
    if _pin_openblas() != 1:
        return None
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=False)


@lru_cache(maxsize=None)
def _pin_openblas() -> int | None:
    """Set numpy's OpenBLAS to one thread; its thread count afterwards, or ``None`` when numpy
    uses another BLAS (or the library cannot be found among those loaded)."""
    import ctypes

    import numpy  # noqa: F401  (loads its BLAS)

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = {line.split()[-1] for line in fh if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in _OPENBLAS_THREADS:
            setter, getter = getattr(lib, set_name, None), getattr(lib, get_name, None)
            if setter is None or getter is None:
                continue
            setter.argtypes, getter.restype = [ctypes.c_int], ctypes.c_int
            setter(1)
            return getter()
    return None


def _import_spacy():
    """``import spacy``, without importing spaCy's command line on the way.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` for its ``spacy.info`` helper, and with it
    the whole ``spacy.cli`` package: every training and project command, weasel, requests and
    httpx, about a third of the import and nothing a parse uses. While spaCy is imported, a
    stand-in ``spacy.cli.info`` gives ``spacy.info`` a function that imports the real one when
    called; the stand-ins are removed right after, so ``import spacy.cli`` later still imports
    the real package. If anything goes wrong, spaCy is imported the ordinary way."""
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules of its own
    stub = types.ModuleType("spacy.cli.info")
    stub.info = info  # type: ignore[attr-defined]
    placed = {"spacy.cli": cli, "spacy.cli.info": stub}
    if any(name in sys.modules for name in placed):
        import spacy

        return spacy
    sys.modules.update(placed)
    try:
        import spacy
    except Exception:
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        placed = {}
        import spacy
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def pipeline(lang: str, need: frozenset[str] = frozenset()) -> Language:
    """The pipeline for ``lang`` with only the components ``need`` asks for.

    ``need`` may hold "ner" and "lemma" (both slow, so left out unless a rule asks); the tagger,
    morphologizer and parser are always kept because rules read morphology and syntax. Raises
    :class:`ModelUnavailable` when there is no model for the language.
    """
    package = MODELS.get(lang)
    if package is None:
        raise ModelUnavailable(f"no spaCy model is configured for language {lang!r}")
    exclude = [c for c, flag in (("ner", "ner"), ("lemmatizer", "lemma")) if flag not in need]
    exclude.append("senter")  # disabled in the packaged pipelines (the parser sets sentences)
    with _lock:
        return _load(package, tuple(exclude))


# Parses shared across documents, keyed by paragraph text: None (the default) or an object with
# ``get(key)`` and ``put(key, parse)``. A long-lived server sets one, since an editor sends the
# whole text again at every check and most of its paragraphs have not changed. A parse depends
# only on its text and the pipeline, and rules only read it, so reusing one changes no finding.
shared_parses: Any = None


def _parse_key(lang: str, need: frozenset[str]) -> tuple:
    """Where a document keeps its parses for ``lang`` and these components."""
    return ("parse", lang, "ner" in need, "lemma" in need)


def _parse_text(doc: Document, start: int, end: int) -> str:
    """The text handed to the parser for ``doc.view[start:end]``. The French models split and
    tag "l’", "d’", "qu’" badly, so they get straight apostrophes (same length: token offsets
    hold)."""
    return doc.view[start:end].replace("’", "'")


def parse(
    doc: Document,
    lang: str,
    need: frozenset[str] = frozenset(),
    batch_size: int = 64,
    only: list[int] | None = None,
) -> list[SpacyDoc | None]:
    """The parse of each paragraph of ``doc``, cached on the document.

    With ``only``, just those paragraph indices are parsed (others stay ``None`` unless parsed
    before): rules that find candidates cheaply parse only the paragraphs that hold some.
    """
    key = _parse_key(lang, need)
    cache: dict[int, SpacyDoc] = doc.cache.setdefault(key, {})
    wanted = range(len(doc.paragraphs)) if only is None else sorted(set(only))
    todo = [i for i in wanted if i not in cache]
    if todo:
        nlp = pipeline(lang, need)
        short = [i for i in todo if doc.paragraphs[i].end - doc.paragraphs[i].start <= MAX_PARSE_CHARS]
        texts = {i: _parse_text(doc, doc.paragraphs[i].start, doc.paragraphs[i].end) for i in short}
        shared = shared_parses
        ahead = doc.cache.get(("prefetched", key))
        if ahead:  # parsed with other documents' paragraphs (see prefetch), now asked for
            for i in short:
                if i in ahead:
                    cache[i] = ahead.pop(i)
                    if shared is not None:
                        shared.put((key, texts[i]), cache[i])
            short = [i for i in short if i not in cache]
        if shared is not None:  # paragraphs parsed for an earlier document of this process
            for i in short:
                hit = shared.get((key, texts[i]))
                if hit is not None:
                    cache[i] = hit
            short = [i for i in short if i not in cache]
        for i, parsed in zip(short, nlp.pipe((texts[i] for i in short), batch_size=batch_size)):
            cache[i] = _compact(parsed)
            if shared is not None:
                shared.put((key, texts[i]), cache[i])
        for i in todo:
            if i not in cache:
                parsed = _parse_windows(nlp, doc, doc.paragraphs[i])
                if parsed is None:
                    doc.cache.setdefault("unparsed", set()).add(i)
                else:
                    cache[i] = _compact(parsed)
    return [cache.get(i) for i in range(len(doc.paragraphs))]


def prefetch(wanted: list[tuple[Document, list[int]]], lang: str, need: frozenset[str] = frozenset(), batch_size: int = 256) -> None:
    """Parse the given paragraphs of several documents in one ``nlp.pipe``: the layers run on
    bigger batches (a third less CPU than document by document on WMT22 news). The parses wait
    on each document until :func:`parse` is asked for them, so a rule sees exactly the parses
    it would see otherwise; those never asked for go with the document's cache."""
    key = _parse_key(lang, need)
    todo: list[tuple[Document, int, str]] = []
    for doc, indices in wanted:
        done = doc.cache.get(key, {})
        ahead = doc.cache.setdefault(("prefetched", key), {})
        for i in sorted(set(indices)):
            p = doc.paragraphs[i]
            if i not in done and i not in ahead and p.end - p.start <= MAX_PARSE_CHARS:
                todo.append((doc, i, _parse_text(doc, p.start, p.end)))
    if not todo:
        return
    shared = shared_parses
    again: list[tuple[Document, int, str]] = []
    if shared is not None:
        todo = [t for t in todo if shared.get((key, t[2])) is None]
        # a paragraph twice in the batch is parsed once (the parse is shared, as the cache shares it)
        seen: set[str] = set()
        unique: list[tuple[Document, int, str]] = []
        for t in todo:
            (again if t[2] in seen else unique).append(t)
            seen.add(t[2])
        todo = unique
    nlp = pipeline(lang, need)
    parsed_text: dict[str, SpacyDoc] = {}
    for (doc, i, text), parsed in zip(todo, nlp.pipe((t[2] for t in todo), batch_size=batch_size)):
        doc.cache[("prefetched", key)][i] = _compact(parsed)
        if again:
            parsed_text[text] = parsed
    for doc, i, text in again:
        doc.cache[("prefetched", key)][i] = parsed_text[text]


_NO_TENSOR = None


def _compact(parsed: SpacyDoc) -> SpacyDoc:
    """Drop the parse's ``tensor`` (the tok2vec output, 96 floats a token: nearly half of a
    parse's memory). The components have already used it, and rules read tags, morphology and
    the dependency tree, never vectors; the cached parses of a section stay half as big."""
    global _NO_TENSOR
    if _NO_TENSOR is None:
        import numpy

        _NO_TENSOR = numpy.zeros((0,), dtype="float32")
    parsed.tensor = _NO_TENSOR
    return parsed


def _parse_windows(nlp: Language, doc: Document, para) -> SpacyDoc | None:
    """The parse of a paragraph longer than :data:`MAX_PARSE_CHARS`, made of windows of whole
    sentences joined into one Doc (token offsets stay relative to the paragraph); ``None`` when
    one sentence alone is longer than the limit."""
    from spacy.tokens import Doc as SpacyDocClass

    ends = [s.end for s in doc.sentences if s.parent == para.index and para.start < s.end < para.end]
    cuts, prev = [para.start], para.start
    for end in [*ends, para.end]:
        if end - cuts[-1] > MAX_PARSE_CHARS and prev > cuts[-1]:
            cuts.append(prev)
        if end - cuts[-1] > MAX_PARSE_CHARS:
            return None
        prev = end
    cuts.append(para.end)
    texts = [_parse_text(doc, a, b) for a, b in zip(cuts, cuts[1:])]
    docs = list(nlp.pipe(texts, batch_size=1))
    return SpacyDocClass.from_docs(docs, ensure_whitespace=False)
