"""The runner: language identification, rules, scores and the gate, document by document.

Documents stream through: each is checked and reduced to a :class:`DocumentResult` before the
next is read; corpus-scope rules keep only their compact state between documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..analysis import langid
from ..config import Config
from ..errors import ConfigError, InputProblem
from ..model import Document, DocumentResult, InputError, Issue, Report
from .context import Context
from .registry import select_rules
from .rule import CorpusRule, Rule


class Engine:
    def __init__(self, config: Config) -> None:
        self.config = config
        from .. import packs

        packs.set_extra_dirs(config.packs)  # always: a previous run's packs must not leak
        self.rule_classes = select_rules(config.select, config.ignore)
        self.rules: list[Rule] = []
        for cls in self.rule_classes:
            opts, sev = config.rule_options(cls.code)
            self.rules.append(cls(opts, sev))
        unknown = set(config.rules) - {c.code for c in self.rule_classes} - {c.name for c in self.rule_classes}
        from .registry import all_rules

        known = {c.code for c in all_rules()} | {c.name for c in all_rules()}
        bad = sorted(k for k in unknown if k not in known)
        if bad:
            raise ConfigError(f"options for unknown rule(s): {', '.join(bad)}")
        needs: set[str] = set()
        for r in self.rules:
            needs |= set(r.requires) & {"ner", "morph", "lemma"}
        self.ctx = Context(config, frozenset(needs))
        self._unavailable: set[tuple[str, str]] = set()
        self._scorer = None  # mtqa.scoring.Scorer, created by the first document with references

    # -- one document ---------------------------------------------------------------------------
    def prepare(self, doc: Document) -> None:
        langid.annotate(doc, self.config.lang or doc.meta.get("target_language"))
        # a language the file declares (XLIFF target-language, PO Language, TMX variant) wins over a guess
        doc.target_language = self.config.lang or doc.meta.get("target_language") or langid.dominant_language(doc)
        if self.config.source_lang and not doc.source_language:
            doc.source_language = self.config.source_lang

    def _runnable(self, rule: Rule, doc: Document) -> bool:
        if not rule.applies_to(doc):
            return False
        if "source" in rule.requires and not doc.has_source:
            return False
        if "reference" in rule.requires and not doc.has_refs:
            return False
        if "nlp" in rule.requires:
            from .. import nlp

            key = (rule.code, doc.target_language)
            if key in self._unavailable:
                return False
            try:
                nlp.pipeline(doc.target_language, self.ctx.nlp_needs)
            except nlp.ModelUnavailable as exc:
                self._unavailable.add(key)
                self.ctx.notice(f"{rule.code} ({rule.name}) skipped for '{doc.target_language}': {exc}")
                return False
        return True

    def check_document(self, doc: Document) -> DocumentResult:
        result, payloads = self._check(doc)
        self.absorb(payloads)
        self._score(doc, result)
        return result

    def absorb(self, payloads: dict[str, object]) -> None:
        """Add one document's corpus-rule payloads to the run (in document order)."""
        for rule in self.rules:
            if rule.code in payloads:
                rule.absorb(payloads[rule.code], self.ctx)

    def corpus_payloads(self, doc: Document) -> dict[str, object]:
        """Only the corpus-rule payloads of one document: the first pass of a run in two passes,
        which learns the corpus findings before checking the documents (see :mod:`mtqa.distributed`)."""
        self.prepare(doc)
        return {
            rule.code: rule.payload(doc, self.ctx)
            for rule in self.rules
            if isinstance(rule, CorpusRule) and self._runnable(rule, doc)
        }

    def _check(self, doc: Document, corpus: bool = True) -> tuple[DocumentResult, dict[str, object]]:
        """Document rules and corpus-rule payloads of one document (no shared state touched,
        so it may run in a worker process); ``corpus=False`` skips the payloads."""
        self.prepare(doc)
        issues: list[Issue] = []
        payloads: dict[str, object] = {}
        for rule in self.rules:
            if isinstance(rule, CorpusRule) and not corpus:
                continue
            if not self._runnable(rule, doc):
                continue
            if isinstance(rule, CorpusRule):
                payloads[rule.code] = rule.payload(doc, self.ctx)
            else:
                issues.extend(rule.check(doc, self.ctx))
        result = DocumentResult(
            path=doc.path,
            target_language=doc.target_language,
            word_count=doc.word_count,
            segments=doc.paragraphs,
            sentences=doc.sentences,
            issues=issues,
            text=doc.text,
            format=doc.format,
            doc_id=doc.doc_id,
            declared_language=self.config.lang or doc.meta.get("target_language"),
        )
        # the parses and rule caches are not needed once the document is reduced to its result
        # (workers keep the sections of a long file in a list until all are checked)
        doc.cache.clear()
        return result, payloads

    def _score(self, doc: Document, result: DocumentResult) -> None:
        """Reference scores, when the document carries references (see mtqa.scoring)."""
        if doc.has_refs:
            from .. import scoring

            self._score_streams(scoring.document_streams(doc), result)

    def _score_streams(self, streams: tuple | None, result: DocumentResult) -> None:
        from .. import scoring

        hyps, refs, ids = streams or ((), (), ())
        if not hyps or not refs:
            return
        if self._scorer is None:
            self._scorer = scoring.Scorer.from_config(self.config)
        result.scores = self._scorer.add(hyps, refs, ids=ids)

    # -- a run ----------------------------------------------------------------------------------
    def run(self, docs: Iterable[Document | InputError | Callable[[], list[Document]]], jobs: int = 1) -> Report:
        """Check every document; with ``jobs`` > 1, documents are checked by that many forked
        worker processes (each loads the models it needs once, at the same time as the others),
        while corpus rules, scores and the report are kept in this process, in document order.

        Items are documents, input errors, or loaders (callables returning the documents of one
        file, raising :class:`~mtqa.errors.InputProblem`), which workers call themselves."""
        errors: list[InputError] = []
        if jobs > 1 and _can_fork():
            results = list(self._run_parallel(docs, errors, jobs))
        else:
            results = []
            for item in docs:
                for entry in _expand(item):
                    if isinstance(entry, InputError):
                        errors.append(entry)
                    else:
                        results.append(self.check_document(entry))
        return self.report(results, errors)

    def corpus_findings(self) -> Iterator[tuple[str, Issue]]:
        """``(document key, issue)`` of every corpus rule, once every payload was absorbed."""
        for rule in self.rules:
            if isinstance(rule, CorpusRule):
                yield from rule.finish(self.ctx)

    def report(self, results: list[DocumentResult], errors: list[InputError]) -> Report:
        """The report of a run whose documents were all checked and merged (see :meth:`merge`):
        corpus findings added to their documents, findings deduplicated, scores and the gate."""
        by_path = {r.key: r for r in results}
        for path, issue in self.corpus_findings():
            if path in by_path:
                by_path[path].issues.append(issue)
        from ..gate import apply_gate

        report = Report(results, errors, self.ctx.notices, fail_on=self.config.fail_severity, rules_used=self.rule_classes)
        for r in results:
            r.issues = _dedupe(r.issues)
        if self._scorer is not None:
            report.corpus_scores = self._scorer.corpus()
        apply_gate(report, self.config)
        return report


    def _run_parallel(self, items: Iterable, errors: list[InputError], jobs: int) -> Iterator[DocumentResult]:
        import multiprocessing

        global _WORKER_ENGINE
        _WORKER_ENGINE = self
        _preload_models(self)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                batches = pool.imap(_check_in_worker, items, chunksize=2)
                yield from self.merge((entry for entries in batches for entry in entries), errors)
        finally:
            _WORKER_ENGINE = None

    def merge(self, entries: Iterable, errors: list[InputError]) -> Iterator[DocumentResult]:
        """Fold entries made by :func:`check_entry` in other processes into this run, in document
        order: corpus-rule payloads, notices and reference scores; input errors go to ``errors``."""
        for entry in entries:
            if isinstance(entry, InputError):
                errors.append(entry)
                continue
            result, payloads, notices, streams = entry
            self.absorb(payloads)
            for n in notices:
                self.ctx.notice(n)
            self._score_streams(streams, result)
            yield result


_WORKER_ENGINE: Engine | None = None


def _preload_models(engine: Engine) -> None:
    """Load the models and lexicons the rules need for the configured language once, before
    the workers are forked: they share them instead of each building its own (building the
    French tokenizer alone compiles regular expressions for seconds)."""
    lang = engine.config.lang
    if not lang:
        return  # the language of each document is detected in the workers
    from .. import nlp

    needs = set().union(*(r.requires for r in engine.rules)) if engine.rules else set()
    if "nlp" in needs:
        try:
            nlp.pipeline(lang, engine.ctx.nlp_needs)
        except nlp.ModelUnavailable:
            return  # reported per document by the workers
    if "lexicon" in needs:
        from .. import lexicon

        if lexicon.available(lang):
            lexicon.load(lang)


def _expand(item: object) -> list:
    """The documents (or the input error) an item of a run stands for."""
    if isinstance(item, (Document, InputError)):
        return [item]
    try:
        return list(item())  # type: ignore[operator]
    except InputProblem as exc:
        return [InputError(exc.path, exc.message)]


def _check_in_worker(item: object) -> list:
    engine = _WORKER_ENGINE
    assert engine is not None
    out: list = []
    for doc in _expand(item):
        if isinstance(doc, InputError):
            out.append(doc)
            continue
        out.append(check_entry(engine, doc))
    return out


def check_entry(engine: Engine, doc: Document) -> tuple:
    """One document checked away from the run's main process: its result, corpus-rule payloads,
    the notices so far and its reference streams, for :meth:`Engine.merge`."""
    result, payloads = engine._check(doc)
    streams = None
    if doc.has_refs:
        from ..scoring import document_streams

        streams = document_streams(doc)
    return result, payloads, list(engine.ctx.notices), streams


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def dedupe(issues: list[Issue]) -> list[Issue]:
    """Findings sorted by position, one per rule and span."""
    return _dedupe(issues)


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for i in sorted(issues, key=lambda i: (i.start, i.end, i.rule)):
        key = (i.rule, i.start, i.end)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
