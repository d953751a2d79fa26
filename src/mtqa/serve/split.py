"""One check on two cores: the rules that need no parse run in a helper process while the
server's worker thread runs the rules that read the spaCy parse.

The helper is forked once, after the models are loaded, so it starts warm and shares their
memory with the server process (copy on write). Each side runs an ordinary mtqa run on the same
document with its share of the selected rules; the findings of the two runs are disjoint by rule
and are merged in the order a single run gives. When the helper is busy (a timed-out check is
still running there) or has failed, the server runs every rule itself.
"""

from __future__ import annotations

import multiprocessing
import signal
from dataclasses import replace
from typing import Any

from ..config import Config
from ..model import Document, Report
from ..store import update_documents


def _document(text: str, view: str | None) -> Document:
    return Document(text, "<text>", view=view, fmt="txt")


def _helper(conn: Any, server_end: Any) -> None:
    # the helper ends when the server closes its end of the pipe (the fork copied that end here
    # too: close the copy), and leaves the signals to the server process
    server_end.close()
    try:
        signal.set_wakeup_fd(-1)
    except (ValueError, OSError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from ..pipeline import Pipeline

    while True:
        try:
            text, view, config = conn.recv()
        except (EOFError, OSError):
            return
        try:
            report = Pipeline(config).run([_document(text, view)])
            doc = report.documents[0] if report.documents else None
            conn.send(("ok", doc.issues if doc else [], list(report.notices)))
        except Exception as exc:  # the server runs these rules itself
            conn.send(("error", type(exc).__name__, []))


class RuleSplitter:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_helper, args=(child, self.conn), name="mtqa-serve-helper", daemon=True)
        self.proc.start()
        child.close()
        self.pending = False  # a job was sent whose answer has not been read
        self.used = 0
        self.fallbacks = 0

    def _free(self) -> bool:
        if not self.proc.is_alive():
            return False
        if self.pending and self.conn.poll(0):
            try:
                self.conn.recv()  # the answer of a check that was interrupted
            except (EOFError, OSError):
                return False
            self.pending = False
        return not self.pending

    def _answer(self) -> tuple | None:
        while not self.conn.poll(0.05):
            if not self.proc.is_alive():
                return None
        try:
            answer = self.conn.recv()
        except (EOFError, OSError):
            return None
        self.pending = False
        return answer if answer[0] == "ok" else None

    def run(self, text: str, view: str | None, config: Config) -> Report:
        from ..lint.registry import select_rules
        from ..pipeline import Pipeline

        rules = select_rules(config.select, config.ignore)
        parsed = [r.code for r in rules if "nlp" in r.requires]
        other = [r.code for r in rules if "nlp" not in r.requires]
        if not parsed or not other or not self._free():
            self.fallbacks += 1
            return Pipeline(config).run([_document(text, view)])
        # every rule is named by its code: an explicit code also selects a rule that is off by default
        here = replace(config, select=parsed, ignore=[])
        there = replace(config, select=other, ignore=[])
        self.conn.send((text, view, there))
        self.pending = True
        report = Pipeline(here).run([_document(text, view)])
        answer = self._answer()
        if answer is None:
            self.fallbacks += 1
            issues, notices = Pipeline(there).run([_document(text, view)]).issues, []
        else:
            self.used += 1
            _, issues, notices = answer

        def add_helper_findings(doc) -> None:
            doc.issues = sorted([*doc.issues, *issues], key=lambda i: (i.start, i.end, i.rule))

        update_documents(report.documents, add_helper_findings)
        for n in notices:
            if n not in report.notices:
                report.notices.append(n)
        return report

    def close(self) -> None:
        self.conn.close()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(5)
