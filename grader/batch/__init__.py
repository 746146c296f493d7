"""Grading thousands of submissions: scan, grade in parallel, store, report."""
