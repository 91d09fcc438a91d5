"""A quicker ``__init__`` for the frozen dataclasses made by the thousand on the status's path.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, to get past
its own ``__setattr__`` that refuses: 6 µs for a ``GoalStatus`` of 27 fields, 8 µs for a
``Goal``, a tenth of a province's status (docs/performance.md, "Figures made when shown").
``quick_init`` gives the class an ``__init__`` with the same parameters and defaults that
writes the fields into the instance's ``__dict__`` at once; the class stays frozen (no field
can be set afterwards), compares, hashes and ``replace``s as before.
"""

from dataclasses import MISSING, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """``cls`` (a frozen dataclass without slots, ``__post_init__`` or default factories)
    with an ``__init__`` that takes the same arguments and sets the fields at once.

    Raises TypeError for any other class: its ``__init__`` does more than set fields.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if not is_dataclass(cls) or params is None or not params.frozen:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass")
    if hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}'s __init__ does more than set its fields")
    names: list[str] = []
    signature: list[str] = []
    defaults: dict[str, Any] = {}
    for field in fields(cls):
        if not field.init or field.kw_only is True or field.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{field.name} is not set by __init__ as given")
        names.append(field.name)
        if field.default is MISSING:
            signature.append(field.name)
        else:
            defaults[f"_default_{field.name}"] = field.default
            signature.append(f"{field.name}=_default_{field.name}")
    body = ", ".join(f"{name!r}: {name}" for name in names)
    source = f"def __init__(self, {', '.join(signature)}):\n    self.__dict__.update({{{body}}})\n"
    namespace: dict[str, Any] = dict(defaults)
    exec(source, namespace)  # the source is made above from the field names alone
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
