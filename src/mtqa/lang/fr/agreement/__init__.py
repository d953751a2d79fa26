"""The French agreement analysis read by the agreement rules (MTQ2xx): the rule base class and
lexicon access (``common``), the guards against false alarms (``guards``), and the syntax of
noun phrases, subjects and predicates over the shared spaCy parse (``syntax``)."""
