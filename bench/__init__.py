"""Benchmark harness: how much does publishing maps with the plugin cost over plain Markdown?

Run it with ``make bench`` (or ``python -m bench --help``). Builds are timed in subprocesses
against "the floor", the same content written as a plain mkdocs-material site, because an
absolute build time on a shared machine means little; the ratio to the floor does.
"""
