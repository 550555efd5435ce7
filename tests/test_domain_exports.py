"""The domain packages export every model and enumeration, each under its own name.

``domxml.models.domain`` is the one import a program building a domain
needs; ``domxml.models.domain.devices`` exports the devices alone. Both
star-import their modules, so a class added to a module is exported with no
other line; a module the package does not import, two classes of one name,
or a name mypy would not see exported (``domxml.models.exports``) fail here.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import pkgutil
import typing
from pathlib import Path
from types import ModuleType

import pytest

import domxml.models.domain as domain_package
import domxml.models.domain.devices as devices_package
from domxml.binding import Model
from domxml.models.domain import Domain

# Models of other families that a domain's fields use but the package does
# not export under their names, which the domain's own classes take.
NOT_EXPORTED = {
    ("domxml.models.storage.common", "Cipher"),
    ("domxml.models.storage.source", "PciAddress"),
}


def _modules(package: ModuleType) -> list[ModuleType]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]


def _public_classes(modules: list[ModuleType]) -> list[type]:
    """The models and enumerations defined (not imported) in ``modules``."""
    found = []
    for module in modules:
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, (Model, enum.Enum))
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found.append(value)
    return found


DOMAIN_CLASSES = _public_classes([domain_package, *_modules(domain_package)])
DEVICE_CLASSES = _public_classes([devices_package, *_modules(devices_package)])


def _reachable(root: type[Model]) -> set[type]:
    """Every model and enumeration a field of ``root`` (or below) is typed with."""
    seen: set[type] = set()
    stack: list[type] = [root]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if not issubclass(cls, Model):
            continue
        stack.extend(cls.__domxml__.variants.values())
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(typing.cast(typing.Any, cls)):
            for arg in _flatten(hints[field.name]):
                if isinstance(arg, type) and issubclass(arg, (Model, enum.Enum)):
                    stack.append(arg)
    return seen


def _flatten(annotation: object) -> list[object]:
    args = typing.get_args(annotation)
    return [annotation] if not args else [a for arg in args for a in _flatten(arg)]


@pytest.mark.parametrize(
    ("package", "classes"),
    [(domain_package, DOMAIN_CLASSES), (devices_package, DEVICE_CLASSES)],
    ids=["domain", "devices"],
)
def test_every_class_is_exported_under_its_name(package: ModuleType, classes: list[type]) -> None:
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in classes
        if getattr(package, cls.__name__, None) is not cls or cls.__name__ not in package.__all__
    ]
    assert missing == [], f"not exported by {package.__name__}: {missing}"


def test_no_two_classes_share_a_name() -> None:
    by_name: dict[str, list[str]] = {}
    for cls in DOMAIN_CLASSES:
        by_name.setdefault(cls.__name__, []).append(f"{cls.__module__}.{cls.__name__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_what_a_domain_uses_from_other_families_is_exported() -> None:
    foreign = [
        cls
        for cls in _reachable(Domain)
        if not cls.__module__.startswith("domxml.models.domain")
        and (cls.__module__, cls.__name__) not in NOT_EXPORTED
    ]
    assert foreign, "the walk found no model of another family"
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in foreign
        if getattr(domain_package, cls.__name__, None) is not cls
    ]
    assert missing == []


@pytest.mark.parametrize("package", [domain_package, devices_package], ids=["domain", "devices"])
def test_all_names_exist_once(package: ModuleType) -> None:
    names = package.__all__
    assert len(names) == len(set(names))
    assert [name for name in names if not hasattr(package, name)] == []


def _star_imports(package: ModuleType) -> list[str]:
    """The modules a package's ``__init__`` star-imports."""
    tree = ast.parse(Path(str(package.__file__)).read_text(encoding="utf-8"))
    return [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.names[0].name == "*"
    ]


def _static_exports(module: ModuleType) -> set[str]:
    """What mypy takes a star import of ``module`` to bring: its literal ``__all__``, or the
    public names it defines itself (classes, functions, constants) and those it star-imports."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            assert isinstance(node.value, ast.List)
            return {str(ast.literal_eval(item)) for item in node.value.elts}
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    for name in _star_imports(module):
        names |= _static_exports(importlib.import_module(name))
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("package", [domain_package, devices_package], ids=["domain", "devices"])
def test_the_package_imports_every_module_of_it(package: ModuleType) -> None:
    modules = {info.name for info in pkgutil.iter_modules(package.__path__, package.__name__ + ".")}
    assert modules - set(_star_imports(package)) == set()


@pytest.mark.parametrize("package", [domain_package, devices_package], ids=["domain", "devices"])
def test_mypy_sees_every_exported_name(package: ModuleType) -> None:
    """A name ``__all__`` has at run time and mypy would not take for exported (a class
    of another family that a module imports) must be in ``families.py``."""
    assert set(package.__all__) - _static_exports(package) == set()
