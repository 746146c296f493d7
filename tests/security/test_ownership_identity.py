"""Rule: what the program owns, and which metaclass a base may have, are decided by
identity, never by `==` or a hash that a metaclass defines (a seventh review made any class
pass for the program's own with such a metaclass). Checked on the host, on the guard's own
objects, as a layer-alone test of the rule."""

from __future__ import annotations

import abc
import enum

import pytest

from sandbox.budget import ForbiddenOperation
from sandbox.channel import Channel, StdoutSink
from sandbox.guards import ClassSet
from sandbox.limits import Limits
from sandbox.runtime import Runtime


def _lying_metaclass(target: type) -> type:
    return type("Liar", (type,), {"__eq__": lambda a, b: True, "__hash__": lambda c: hash(target)})


def test_a_class_set_finds_a_class_by_identity_not_by_a_metaclasss_eq_and_hash() -> None:
    class Owned:
        pass

    classes = ClassSet()
    classes.add(Owned)
    impostor = _lying_metaclass(Owned)("Impostor", (), {})
    assert Owned in classes
    assert impostor == Owned and hash(impostor) == hash(Owned)
    assert impostor not in classes


def _runtime() -> Runtime:
    return Runtime(filename="p.py", limits=Limits(), sink=StdoutSink(Channel(), 1 << 20), stdin="")


def test_a_base_whose_metaclass_the_program_made_is_refused() -> None:
    runtime = _runtime()
    made = _lying_metaclass(object)("Base", (), {})
    with pytest.raises(ForbiddenOperation, match="metaclass is none of a library's"):
        runtime.check_bases((made,))
    named_like_abcs = type("ABCMeta", (type,), {"__module__": "abc"})("Base", (), {})
    with pytest.raises(ForbiddenOperation, match="metaclass is none of a library's"):
        runtime.check_bases((named_like_abcs,))


@pytest.mark.parametrize("base", [abc.ABC, enum.Enum, object, int])
def test_a_base_whose_metaclass_is_a_librarys_own_is_allowed(base: type) -> None:
    assert _runtime().check_bases((base,)) == (base,)


def test_a_private_method_of_a_metaclass_bound_to_a_class_is_never_handed_out() -> None:
    """Rule: library code that reads a name natively on the program's class may find it on
    the metaclass (`EnumType._convert_`, which reads any module's globals); the guard
    refuses such a value however it was obtained, but not a public one (`register`)."""

    class Color(enum.Enum):
        RED = 1

    class Shape(abc.ABC):
        @abc.abstractmethod
        def area(self) -> float: ...

    guards = _runtime().guards
    with pytest.raises(ForbiddenOperation, match="metaclass"):
        guards.checked(Color._convert_, None, "default")
    assert guards.checked(Shape.register, None, "register") == Shape.register
