"""Benchmarks for the speed goals of issue 13 (and timings of later issues); ``python -m benchmarks`` runs them.

See docs/performance.md for what is measured, how, and the latest figures.
"""
