"""Drivers the tests and the benchmarks share: an app on its own store, and a person's keys.

Nothing in the coach itself uses this package. It lives here, not under ``tests/``, so that
``bench/`` can drive the app exactly as the tests do without importing the test suite (and
works from an install with the ``test`` extra).
"""
