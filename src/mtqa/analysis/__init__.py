"""Shared analyses that several rules read: comparisons with the source, name finding, alignment.

Modules here hold no rules; rule modules under ``mtqa.checks`` import them, never the reverse.
"""
