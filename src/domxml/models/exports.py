"""What a package of models exports, found rather than listed.

A model package (:mod:`domxml.models.domain`) star-imports its modules. mypy
takes a star import as re-exporting every name the module defines (not
those it imports itself), and an ``import X as X`` as re-exporting ``X``;
:func:`exported` gives the same names at run time, for the package's
``__all__``. A class added to a module is exported without a line anywhere
else; ``tests/test_domain_exports.py`` checks that both views agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import FunctionType
from typing import Any

__all__ = ["exported"]


def exported(namespace: Mapping[str, Any], within: str) -> list[str]:
    """The names a package exports, sorted: those of its classes, functions and constants.

    ``namespace`` is the package's, once its modules are star-imported;
    ``within`` the package (or family) whose classes and functions count:
    each one defined in a module under it and bound under its own name.
    Module-level string constants count too (``QEMU_NS``), and the package's
    own helpers (``_name``) never do.
    """
    prefix = within + "."
    names = []
    for name, value in namespace.items():
        if name.startswith("_"):
            continue
        if isinstance(value, type | FunctionType):
            if value.__name__ == name and (value.__module__ + ".").startswith(prefix):
                names.append(name)
        elif isinstance(value, str) and name.isupper():
            names.append(name)
    return sorted(names)
