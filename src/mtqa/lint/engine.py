"""The rule engine: the selected rules over documents, and nothing else.

A document reaches the engine with its languages set (:mod:`mtqa.pipeline` identifies them).
The engine runs the document rules on it, gives each corpus rule the document's compact payload,
and returns the document's findings as a :class:`~mtqa.model.DocumentResult`. Once every
document was checked, the corpus rules report (:meth:`Engine.finish`). Reading, language
identification, scores, the gate, baselines and worker processes are stages around the engine,
in :mod:`mtqa.pipeline`.

Documents stream through: each is reduced to its result before the next is read; corpus rules
keep only their compact state between documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import Config
from ..errors import ConfigError
from ..model import Document, DocumentResult, Issue
from ..store import update_documents
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

    # -- one document ---------------------------------------------------------------------------
    def runnable(self, rule: Rule, doc: Document) -> bool:
        """Whether ``rule`` runs on ``doc``: its language, the source, references and parser it
        needs (a parser that cannot load is one notice, and the rule is skipped)."""
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

    def check(self, doc: Document, corpus: bool = True) -> tuple[DocumentResult, dict[str, object]]:
        """The document rules' findings and the corpus-rule payloads of one document. No state of
        the run is touched, so it may run in a worker process; ``corpus=False`` skips the
        payloads. The document's parses and rule caches are dropped once it is reduced to its
        result."""
        issues: list[Issue] = []
        payloads: dict[str, object] = {}
        for rule in self.rules:
            if isinstance(rule, CorpusRule) and not corpus:
                continue
            if not self.runnable(rule, doc):
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
        # workers keep the sections of a long file in a list until all are checked
        doc.cache.clear()
        return result, payloads

    def corpus_payloads(self, doc: Document) -> dict[str, object]:
        """Only the corpus-rule payloads of one document: the first pass of a run in two passes,
        which learns the corpus findings before checking the documents (see :mod:`mtqa.distributed`)."""
        return {
            rule.code: rule.payload(doc, self.ctx)
            for rule in self.rules
            if isinstance(rule, CorpusRule) and self.runnable(rule, doc)
        }

    def absorb(self, payloads: dict[str, object]) -> None:
        """Add one document's corpus-rule payloads to the run (in document order)."""
        for rule in self.rules:
            if rule.code in payloads:
                rule.absorb(payloads[rule.code], self.ctx)

    def check_document(self, doc: Document) -> DocumentResult:
        """One document checked within the run: its findings, its payloads absorbed."""
        result, payloads = self.check(doc)
        self.absorb(payloads)
        return result

    # -- a run ----------------------------------------------------------------------------------
    def corpus_findings(self) -> Iterator[tuple[str, Issue]]:
        """``(document key, issue)`` of every corpus rule, once every payload was absorbed."""
        for rule in self.rules:
            if isinstance(rule, CorpusRule):
                yield from rule.finish(self.ctx)

    def finish(self, results):  # a list or a DocumentStore of DocumentResult, returned
        """The results of a run whose documents were all checked (and absorbed, in document
        order): corpus findings added to their documents, each document's findings sorted and
        deduplicated."""
        extra: dict[str, list[Issue]] = {}
        for path, issue in self.corpus_findings():
            extra.setdefault(path, []).append(issue)

        def finish_one(r: DocumentResult) -> None:
            r.issues = dedupe(r.issues + extra.get(r.key, []))

        update_documents(results, finish_one)
        return results

    def run(self, docs: Iterable[Document]) -> list[DocumentResult]:
        """Every document checked in order, then the corpus findings: each document's findings."""
        return self.finish([self.check_document(doc) for doc in docs])


def dedupe(issues: list[Issue]) -> list[Issue]:
    """Findings sorted by position, one per rule and span."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for i in sorted(issues, key=lambda i: (i.start, i.end, i.rule)):
        key = (i.rule, i.start, i.end)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
