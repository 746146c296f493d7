"""Rule: what the program owns, and which metaclass a base may have, are decided by
identity, never by `==` or a hash that a metaclass defines (a seventh review made any class
pass for the program's own with such a metaclass). Checked on the host, on the guard's own
objects, as a layer-alone test of the rule."""

from __future__ import annotations

import abc
import enum
import importlib.machinery
import sys
import types

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


def test_enum_convert_serves_only_a_module_being_imported() -> None:
    """Rule: `EnumType._convert_` hands out a module's globals as members; in the child it
    works only for a module that is being imported (stdlib's own use), so that a bound
    `_convert_` reached natively gives the program nothing (a thirteenth review)."""
    from sandbox import runtime

    original = enum.EnumType.__dict__["_convert_"]
    loading = types.ModuleType("being_imported")
    loading.__spec__ = importlib.machinery.ModuleSpec("being_imported", None)
    loading.__spec__._initializing = True  # type: ignore[attr-defined]
    loading.RED = 1
    sys.modules["being_imported"] = loading
    try:
        runtime._install_enum_convert(ForbiddenOperation)
        with pytest.raises(ForbiddenOperation, match="_convert_"):
            enum.IntEnum._convert_("Hidden", "operator", lambda name: True)  # type: ignore[attr-defined]
        made = enum.IntEnum._convert_("Colors", "being_imported", str.isupper)  # type: ignore[attr-defined]
        assert made.RED == 1
    finally:
        type.__setattr__(enum.EnumType, "_convert_", original)
        del sys.modules["being_imported"]


def test_a_dataclass_is_checked_again_once_made() -> None:
    """Rule: program code runs while dataclasses works, so what it made is checked again:
    a field that appeared meanwhile, or one that is not an exact `Field`, is refused."""
    import dataclasses

    from sandbox.modules import check_made_dataclass

    runtime = _runtime()

    @dataclasses.dataclass
    class Point:
        x: int

    check_made_dataclass(Point, ["x"], runtime)
    with pytest.raises(ForbiddenOperation, match="fields changed"):
        check_made_dataclass(Point, [], runtime)

    class Renamed(dataclasses.Field):  # type: ignore[type-arg]
        pass

    fields = dict(Point.__dataclass_fields__)  # type: ignore[attr-defined]
    fields["x"] = Renamed(*[dataclasses.MISSING] * 2, True, True, None, True, None, False)  # type: ignore[call-arg]
    fake = type("Fake", (), {"__dataclass_fields__": fields})
    with pytest.raises(ForbiddenOperation, match="fields changed"):
        check_made_dataclass(fake, ["x"], runtime)


def test_a_field_name_is_written_only_as_a_plain_identifier() -> None:
    """Rule: in the child, every write of `dataclasses.Field.name`, native or not, is None
    or a plain identifier: dataclasses formats each name into the text it runs, and a str
    subclass's `__format__` would write that text (a fourteenth review)."""
    import dataclasses

    from sandbox.modules import install_field_names

    class Sneaky(str):
        def __format__(self, spec: str) -> str:
            return "x=__import__('os')"

    slot = dataclasses.Field.__dict__["name"]
    try:
        install_field_names(ForbiddenOperation)
        field = dataclasses.field()
        for name in (Sneaky("a"), "x=1", "__class__", 3):
            with pytest.raises(ForbiddenOperation, match="plain identifier"):
                field.name = name  # type: ignore[assignment]
        field.name = "count"
        assert field.name == "count"

        @dataclasses.dataclass
        class Point:
            x: int
            y: int = 0

        assert Point(1).y == 0 and [f.name for f in dataclasses.fields(Point)] == ["x", "y"]
    finally:
        type.__setattr__(dataclasses.Field, "name", slot)
