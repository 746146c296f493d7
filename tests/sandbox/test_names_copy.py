"""`sandbox.names` copies RestrictedPython's list of inspection attributes, so that the
runtime guards need not import RestrictedPython into every zygote: the two stay equal."""

from __future__ import annotations

from RestrictedPython.transformer import INSPECT_ATTRIBUTES

from sandbox import names


def test_the_copied_inspection_attributes_are_restrictedpythons() -> None:
    assert frozenset(INSPECT_ATTRIBUTES) == names.INSPECT_ATTRIBUTES
    assert names.INSPECT_ATTRIBUTES <= names.DENIED_ATTRIBUTES
