"""Hints about an error a learner named: a slip of a built-in name, or no such error."""

from __future__ import annotations

import pytest

from grader.toolkit.error_names import looks_like_an_error_name, named_error_hint

SLIPS = {
    "UnboundLocalErorr": "UnboundLocalError",
    "IndexErrror": "IndexError",
    "Indexerror": "IndexError",
    "ZeroDivisonError": "ZeroDivisionError",
    "AtributeError": "AttributeError",
    "Exeption": "Exception",
    "OverFlowError": "OverflowError",
}
NOT_ERRORS = ("index error", "Error", "StopIterationError", "HashError", "None", "42")


@pytest.mark.parametrize(("named", "meant"), SLIPS.items())
def test_a_slip_of_a_built_in_name_is_told_its_spelling(named: str, meant: str) -> None:
    assert looks_like_an_error_name(named)
    assert named_error_hint(named, "TypeError") == (
        f"Python has no exception called {named}: check its spelling ({meant}?)."
    )


@pytest.mark.parametrize("named", NOT_ERRORS)
def test_a_name_far_from_every_built_in_is_no_error_name(named: str) -> None:
    assert not looks_like_an_error_name(named)
    hint = named_error_hint(named, "TypeError")
    assert hint is not None and "check its spelling" not in hint


def test_a_real_error_is_told_what_it_reports_never_which_is_right() -> None:
    hint = named_error_hint("KeyError", "IndexError")
    assert hint is not None and "dictionary" in hint and "IndexError" not in hint
    assert named_error_hint("indexerror", "IndexError") is None


def test_a_base_class_of_the_error_is_told_it_is_close_not_what_it_means() -> None:
    """A review got 'Close: a more specific subclass' and 'NameError reports ... Is that
    what goes wrong here?' for the same answer."""
    hint = named_error_hint("NameError", "UnboundLocalError")
    assert hint is not None and hint.startswith("Close: Python raises a more specific error")
