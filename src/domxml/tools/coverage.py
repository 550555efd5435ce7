"""Schema coverage: does every name libvirt's RELAX NG schema allows have a typed field?

Run ``python -m domxml.tools.coverage [--data DIR] [--all]``. It reads
libvirt's ``domain.rng`` (and what it includes) and walks it from the
``<domain>`` element in step with the models, starting at
:class:`domxml.Domain`. For every element the walk reaches, with the model
classes bound to it (a discriminated model's variants included: a field on
any of them counts), it lists the attribute names and child element names
the schema allows directly below, through references, groups, choices,
interleaves and repetitions, and checks each one:

- an attribute needs a typed ``attr()`` field of that XML name;
- a child element needs a field of that XML name (``leaf``, ``leaves``,
  ``child`` or ``children``); the model of a child field is then checked
  against the child's definitions, all of them merged when several
  definitions allow an element of the same name under the same parent;
- an element of any name (``<anyName/>``, ``<nsName/>``: open content such
  as ``<metadata>``) needs an ``any_elements()`` field.

A name that has no field is *missing*, unless :data:`DOMAIN_OMISSIONS`
lists it as a deliberate omission, with the reason. Namespaced names are
written in Clark notation, ``{uri}local``.

Only the parts of RELAX NG that libvirt's schemas use are understood:
``include`` (with overriding definitions), ``define`` (``combine=``
definitions are merged), ``ref``, the name classes and the patterns. A
nested ``<grammar>`` is refused.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from domxml.binding import Model
from domxml.binding.declare import Kind
from domxml.binding.spec import FieldSpec, spec_of
from domxml.errors import DomxmlError
from domxml.models.domain import Domain
from domxml.tools.canon import safe_parser
from domxml.tools.manifest import ENV_VAR, find_data

__all__ = [
    "DOMAIN_OMISSIONS",
    "RNG_NS",
    "Content",
    "CoverageReport",
    "Finding",
    "Grammar",
    "check_coverage",
    "collect",
    "domain_coverage",
    "format_counts",
    "format_report",
    "load_grammar",
    "main",
]

RNG_NS = "http://relaxng.org/ns/structure/1.0"
"""The namespace of RELAX NG's XML syntax."""

_R = f"{{{RNG_NS}}}"

DOMAIN_OMISSIONS: dict[str, str] = {
    # Keys are locations as the report writes them: "/domain/a/b/@attr" for
    # an attribute, "/domain/a/b/child" for an element, "/domain/a/*" for
    # open content. A key starting with "//" matches that tail anywhere.
    # Add an entry only with the libvirt behaviour that makes a field useless.
    #
    # The schema shares one character-device definition (qemucdev) between
    # <serial>, <parallel>, <channel> and <console>, so it allows tty= on all
    # of them; libvirt writes it only on the first <console> of a running
    # guest (the legacy "tty_compat" copy of the pty path) and never reads it.
    "/domain/devices/serial/@tty": "output-only, written by libvirt on <console> alone",
    "/domain/devices/parallel/@tty": "output-only, written by libvirt on <console> alone",
}
"""Names of ``domain.rng`` that the models leave out on purpose, with why."""


# --- the grammar -------------------------------------------------------------


@dataclass
class Grammar:
    """A RELAX NG grammar with its includes resolved.

    ``defines`` holds, for each name, every ``<define>`` of that name that
    survived the includes' overrides: ``combine=`` definitions are kept
    side by side, which is all a walk collecting names needs.
    """

    start: list[etree._Element]
    defines: dict[str, list[etree._Element]]
    files: list[Path]


def _is_rng(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and node.tag.startswith(_R)


def _local(node: etree._Element) -> str:
    return str(node.tag)[len(_R) :]


def _rng_children(node: etree._Element) -> Iterator[etree._Element]:
    """The RELAX NG children of ``node``: annotations and comments left out."""
    return (c for c in node if _is_rng(c))


def _read_rng(path: Path) -> etree._Element:
    try:
        return etree.parse(str(path), safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise DomxmlError(f"cannot read the schema: {error}", filename=str(path)) from error


def _overridden(include: etree._Element) -> tuple[set[str], bool]:
    """The define names an ``<include>`` overrides, and whether it overrides ``start``."""
    names: set[str] = set()
    start = False
    stack = list(_rng_children(include))
    while stack:
        node = stack.pop()
        kind = _local(node)
        if kind == "define":
            names.add(node.get("name", ""))
        elif kind == "start":
            start = True
        elif kind == "div":
            stack.extend(_rng_children(node))
    return names, start


def _load(
    path: Path, grammar: Grammar, skip: frozenset[str], skip_start: bool, seen: set[Path]
) -> None:
    """Add the definitions of the grammar in ``path`` to ``grammar``.

    ``skip`` are define names (and ``skip_start`` the start) that an
    including ``<include>`` overrides: they are left out here and in what
    this file includes in turn.
    """
    path = path.resolve()
    if path in seen:
        return  # the same file included twice (basictypes.rng): defines once
    seen.add(path)
    grammar.files.append(path)
    root = _read_rng(path)
    if root.tag != f"{_R}grammar":
        raise DomxmlError("not a RELAX NG grammar", filename=str(path))
    _load_body(root, path, grammar, skip, skip_start, seen)


def _load_body(
    body: etree._Element,
    path: Path,
    grammar: Grammar,
    skip: frozenset[str],
    skip_start: bool,
    seen: set[Path],
) -> None:
    for node in _rng_children(body):
        kind = _local(node)
        if kind == "define":
            name = node.get("name", "")
            if name not in skip:
                grammar.defines.setdefault(name, []).append(node)
        elif kind == "start":
            if not skip_start:
                grammar.start.append(node)
        elif kind == "div":
            _load_body(node, path, grammar, skip, skip_start, seen)
        elif kind == "include":
            names, start = _overridden(node)
            href = path.parent / node.get("href", "")
            _load(href, grammar, skip | names, skip_start or start, seen)
            # The overriding definitions live in the <include> itself.
            _load_body(node, path, grammar, skip, skip_start, seen)


def load_grammar(path: str | os.PathLike[str]) -> Grammar:
    """Read a RELAX NG grammar (XML syntax) and every file it includes.

    Raises :class:`domxml.DomxmlError` when a file cannot be read or is not
    a grammar.
    """
    grammar = Grammar(start=[], defines={}, files=[])
    _load(Path(path), grammar, frozenset(), False, set())
    return grammar


# --- names the schema allows under an element ----------------------------------


@dataclass
class Content:
    """What a schema allows directly below an element (or at the start).

    ``elements`` maps each child element name to the ``<element>`` patterns
    that define it (several when different definitions allow the name);
    ``open_elements`` are the wildcards (``*`` or ``{uri}*``) for children of
    any name; ``open_attributes`` tells whether attributes of any name are
    allowed.
    """

    attributes: set[str] = field(default_factory=set)
    attribute_patterns: dict[str, list[etree._Element]] = field(default_factory=dict)
    elements: dict[str, list[etree._Element]] = field(default_factory=dict)
    open_elements: set[str] = field(default_factory=set)
    open_attributes: bool = False


def _error(message: str, node: etree._Element) -> DomxmlError:
    """An error about a schema node, with its file and line."""
    line: object = node.sourceline
    return DomxmlError(message, filename=node.base, line=line if isinstance(line, int) else None)


def _clark(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}" if ns else local


def _inherited_ns(node: etree._Element) -> str:
    """The ``ns`` in effect at ``node``: its own or its nearest ancestor's."""
    current: etree._Element | None = node
    while current is not None:
        ns = current.get("ns")
        if ns is not None:
            return ns
        current = current.getparent()
    return ""


def _names(pattern: etree._Element) -> tuple[list[str], list[str]]:
    """The names an ``<element>`` or ``<attribute>`` pattern has, and its wildcards.

    An attribute's ``name=`` is in no namespace unless it says ``ns=``; an
    element's takes the ``ns`` in effect (RELAX NG's simplification rules).
    """
    name = pattern.get("name")
    if name is not None:
        # An attribute's name is in no namespace unless it says otherwise.
        ns = pattern.get("ns", "") if _local(pattern) == "attribute" else _inherited_ns(pattern)
        return [_clark(ns, name.split(":")[-1])], []
    first = next(_rng_children(pattern), None)
    if first is None:
        return [], []
    return _name_class(first)


def _name_class(node: etree._Element) -> tuple[list[str], list[str]]:
    kind = _local(node)
    if kind == "name":
        return [_clark(_inherited_ns(node), (node.text or "").strip())], []
    if kind == "anyName":
        return [], ["*"]
    if kind == "nsName":
        return [], [_clark(_inherited_ns(node), "*")]
    if kind == "choice":
        names: list[str] = []
        wild: list[str] = []
        for option in _rng_children(node):
            n, w = _name_class(option)
            names += n
            wild += w
        return names, wild
    raise _error(f"unexpected name class <{kind}>", node)


def _body(pattern: etree._Element) -> list[etree._Element]:
    """The content patterns of an ``<element>``: its children but the name class."""
    children = list(_rng_children(pattern))
    if pattern.get("name") is None and children:
        children = children[1:]
    return children


def _impossible(pattern: etree._Element) -> bool:
    """Whether an element can never be valid (libvirt's private-data placeholders)."""
    return any(_local(c) == "notAllowed" for c in _body(pattern))


_CONTAINERS = {
    "group",
    "interleave",
    "choice",
    "optional",
    "zeroOrMore",
    "oneOrMore",
    "mixed",
    "div",
    "define",
    "start",
}
_LEAVES = {"text", "empty", "notAllowed", "data", "value", "list", "param", "except"}


def collect(patterns: Iterable[etree._Element], grammar: Grammar) -> Content:
    """What the given content patterns allow, following references.

    ``patterns`` are content patterns (an element's body, a start): nested
    ``<element>`` patterns are recorded, not entered.
    """
    content = Content()
    stack = list(patterns)
    refs: set[str] = set()
    while stack:
        node = stack.pop()
        kind = _local(node)
        if kind == "element":
            if _impossible(node):
                continue
            names, wild = _names(node)
            for name in names:
                content.elements.setdefault(name, []).append(node)
            content.open_elements.update(wild)
        elif kind == "attribute":
            names, wild = _names(node)
            content.attributes.update(names)
            for name in names:
                content.attribute_patterns.setdefault(name, []).append(node)
            content.open_attributes |= bool(wild)
        elif kind == "ref":
            name = node.get("name", "")
            if name in refs:
                continue
            refs.add(name)
            defines = grammar.defines.get(name)
            if defines is None:
                raise _error(f"reference to an undefined pattern {name!r}", node)
            for define in defines:
                stack.extend(_rng_children(define))
        elif kind in _CONTAINERS:
            stack.extend(_rng_children(node))
        elif kind == "grammar":
            # A nested grammar (a checkpoint's embedded <domain>): what its
            # start allows, its references resolved in its own definitions.
            nested = Grammar(start=[], defines={}, files=[])
            _load_body(node, Path(str(node.base)), nested, frozenset(), False, set())
            inner = collect(nested.start, nested)
            for name, found in inner.elements.items():
                content.elements.setdefault(name, []).extend(found)
            content.open_elements.update(inner.open_elements)
        elif kind not in _LEAVES:
            raise _error(f"unexpected pattern <{kind}>", node)
    return content


def enumerated_values(patterns: Iterable[etree._Element], grammar: Grammar) -> list[str]:
    """The ``<value>`` texts the content patterns allow (not those of nested elements).

    A token value is whitespace-normalised, as RELAX NG compares it.
    """
    found: list[str] = []
    stack = list(patterns)
    refs: set[str] = set()
    while stack:
        node = stack.pop()
        kind = _local(node)
        if kind == "value":
            text = node.text or ""
            value = text if node.get("type") == "string" else " ".join(text.split())
            if value not in found:
                found.append(value)
        elif kind == "ref":
            name = node.get("name", "")
            if name not in refs:
                refs.add(name)
                for define in grammar.defines.get(name, []):
                    stack.extend(_rng_children(define))
        elif kind in _CONTAINERS or kind in ("data", "list"):
            stack.extend(_rng_children(node))
        # element, attribute (nested: their values are theirs), except, text...
    return sorted(found)


def _accepts(f: FieldSpec, value: str) -> bool:
    """Whether a field reads ``value`` as a typed value its declaration allows."""
    codec = f.codec
    try:
        decoded = codec.decode(value)
    except (ValueError, TypeError):
        return False
    if codec.choices is not None and decoded not in codec.choices:
        return False
    if codec.pattern is not None and not re.fullmatch(codec.pattern, value):
        return False
    if isinstance(decoded, int | float) and not isinstance(decoded, bool):
        if codec.low is not None and decoded < codec.low:
            return False
        if codec.high is not None and decoded > codec.high:
            return False
    return True


# --- the walk ------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One name the schema allows, and whether the models type it.

    ``location`` is the parent element's path and the name: ``/domain/@type``,
    ``/domain/devices/disk``, ``/domain/metadata/*``. ``status`` is
    ``typed``, ``omitted`` (a deliberate omission; ``reason`` says why) or
    ``missing``. ``holder`` names the model classes bound to the parent,
    or says ``leaf`` (a text-only field) or ``no field``: then everything the
    schema allows below the parent is missing too.
    """

    parent: str
    kind: str  # "attribute", "element" or "value" (an enumerated value)
    name: str
    status: str
    holder: str = ""
    reason: str = ""

    @property
    def location(self) -> str:
        """The parent's path and the name (``@name`` for an attribute)."""
        return f"{self.parent}/{'@' if self.kind == 'attribute' else ''}{self.name}"

    @property
    def is_value(self) -> bool:
        """Whether this is an enumerated value, not a name."""
        return self.kind == "value"


@dataclass
class CoverageReport:
    """Every name checked, in the order of the walk (parents before children)."""

    findings: list[Finding] = field(default_factory=list)
    unused_omissions: list[str] = field(default_factory=list)
    """Omission keys that matched no untyped name: typed since, or gone from the schema."""

    def count(
        self, status: str | None = None, *, under: str | None = None, values: bool | None = None
    ) -> int:
        """How many names have ``status`` (any if ``None``), below ``under`` if given.

        ``values``: ``None`` counts names and enumerated values, ``False``
        names only, ``True`` values only.
        """
        return sum(
            1
            for f in self._select(under)
            if (status is None or f.status == status) and (values is None or f.is_value == values)
        )

    def missing(self, *, under: str | None = None, outside: str | None = None) -> list[Finding]:
        """The missing names, below ``under`` and not below ``outside`` if given."""
        return [
            f
            for f in self._select(under)
            if f.status == "missing" and (outside is None or not _below(f.parent, outside))
        ]

    def counts(self, *, under: str | None = None, values: bool | None = None) -> dict[str, int]:
        """The totals: names (and enumerated values) checked, typed, omitted and missing."""
        return {
            "checked": self.count(under=under, values=values),
            "typed": self.count("typed", under=under, values=values),
            "omitted": self.count("omitted", under=under, values=values),
            "missing": self.count("missing", under=under, values=values),
        }

    def missing_by_parent(self) -> dict[str, tuple[list[str], list[str]]]:
        """For each parent path, its missing attribute names and element names."""
        found: dict[str, tuple[list[str], list[str]]] = {}
        for f in self.findings:
            if f.status == "missing":
                attrs, elems = found.setdefault(f.parent, ([], []))
                (attrs if f.kind == "attribute" else elems).append(f.name)
        return found

    def missing_by_area(self, depth: int = 2) -> Counter[str]:
        """Missing names counted by the first ``depth`` steps of their parent's path."""
        areas: Counter[str] = Counter()
        for f in self.findings:
            if f.status == "missing":
                areas["/".join(f.location.split("/")[: depth + 1])] += 1
        return areas

    def _select(self, under: str | None) -> Iterator[Finding]:
        return (f for f in self.findings if under is None or _below(f.location, under))


def _below(path: str, top: str) -> bool:
    return path == top or path.startswith(top + "/")


@dataclass(frozen=True)
class _Fields:
    """The fields of a family of model classes, by XML name."""

    attrs: frozenset[str]
    elems: dict[str, list[FieldSpec]]
    any: bool
    attr_specs: dict[str, list[FieldSpec]] = field(default_factory=dict)
    texts: list[FieldSpec] = field(default_factory=list)
    variants: dict[str, set[str]] = field(default_factory=dict)
    """For a discriminator attribute, the values that have a variant."""


def _family(models: Iterable[type[Model]]) -> list[type[Model]]:
    """The classes and, recursively, all their variants."""
    found: list[type[Model]] = []
    stack = list(models)
    while stack:
        cls = stack.pop()
        if cls in found:
            continue
        found.append(cls)
        stack.extend(cls.__domxml__.variants.values())
    return found


def _fields(models: Sequence[type[Model]]) -> _Fields:
    attrs: set[str] = set()
    elems: dict[str, list[FieldSpec]] = {}
    attr_specs: dict[str, list[FieldSpec]] = {}
    texts: list[FieldSpec] = []
    variants: dict[str, set[str]] = {}
    has_any = False
    for cls in _family(models):
        spec = spec_of(cls)
        attrs.update(spec.attrs)
        for name, f in spec.attrs.items():
            attr_specs.setdefault(name, []).append(f)
        if spec.text is not None:
            texts.append(spec.text)
        decl = cls.__domxml__
        if decl.discriminator is not None:
            known = variants.setdefault(decl.discriminator, set())
            known.update(decl.variants)
            if decl.variant is not None:  # a variant bound on its own: its value
                known.add(decl.variant)
        for f in spec.elem_list:
            if f.kind is Kind.ANY:
                has_any = True
            else:
                elems.setdefault(f.qname, []).append(f)
    return _Fields(frozenset(attrs), elems, has_any, attr_specs, texts, variants)


def _key(node: etree._Element) -> str:
    return f"{node.base}#{node.getroottree().getpath(node)}"


def _omission(location: str, omissions: Mapping[str, str]) -> str | None:
    reason = omissions.get(location)
    if reason is not None:
        return reason
    for key, why in omissions.items():
        if key.startswith("//") and location.endswith(key[1:]):
            return why
    return None


def _finding(
    parent: str, kind: str, name: str, typed: bool, holder: str, omissions: Mapping[str, str]
) -> Finding:
    if typed:
        return Finding(parent, kind, name, "typed", holder)
    missing = Finding(parent, kind, name, "missing", holder)
    reason = _omission(missing.location, omissions)
    if reason is None:
        return missing
    return Finding(parent, kind, name, "omitted", holder, reason)


# An element to check: its path, the model classes bound to it, their names
# for the report, and the schema's <element> patterns that define it.
_Job = tuple[str, tuple[type[Model], ...], str, list[etree._Element]]


def check_coverage(
    grammar: Grammar,
    root: type[Model],
    *,
    omissions: Mapping[str, str] | None = None,
    values: bool = False,
    embedded: Collection[str] = (),
) -> CoverageReport:
    """Walk ``grammar`` from its start element named like ``root`` with ``root`` bound to it.

    The walk is breadth first. An element is checked once per set of model
    classes and schema definitions: reached again (through a recursive
    definition such as a backing chain, or at another path with the same
    model and definitions, like ``<address>``), it is reported at its first,
    shortest path only. ``omissions`` defaults to :data:`DOMAIN_OMISSIONS`.

    With ``values=True``, every value an attribute or a text-only element
    enumerates (``<value>``) is checked too, as a finding of kind
    ``value`` named ``@attr=value``, ``element=value`` or ``text()=value``:
    typed when a field of that name reads it as a value its declaration
    allows (a discriminator's value needs a variant).

    ``embedded``: element paths whose content another kind's coverage
    checks (a checkpoint's ``/domaincheckpoint/domain``): their name is
    checked here, what lies below them is not.
    """
    omit = DOMAIN_OMISSIONS if omissions is None else omissions
    tag = root.__domxml__.qname
    start = collect(grammar.start, grammar).elements.get(tag)
    if not start:
        raise DomxmlError(f"the grammar has no start element <{tag}>")
    report = CoverageReport()
    queue: deque[_Job] = deque()
    queue.append((f"/{tag}", (root,), root.__name__, start))
    done: set[tuple[tuple[type[Model], ...], frozenset[str]]] = set()
    while queue:
        path, models, holder, patterns = queue.popleft()
        key = (models, frozenset(_key(p) for p in patterns))
        if key in done:
            continue
        done.add(key)
        content = collect((c for p in patterns for c in _body(p)), grammar)
        fields = _fields(models)
        found = report.findings
        for name in sorted(content.attributes):
            found.append(_finding(path, "attribute", name, name in fields.attrs, holder, omit))
        for name in sorted(content.elements):
            specs = fields.elems.get(name, [])
            found.append(_finding(path, "element", name, bool(specs), holder, omit))
            # A leaf (or no field) gives no model: whatever the schema allows
            # below it is missing.
            children = tuple(dict.fromkeys(s.model for s in specs if s.model is not None))
            below = ", ".join(m.__name__ for m in children) or ("leaf" if specs else "no field")
            if f"{path}/{name}" not in embedded:
                queue.append((f"{path}/{name}", children, below, content.elements[name]))
        for wild in sorted(content.open_elements):
            found.append(_finding(path, "element", wild, fields.any, holder, omit))
        if values:
            found += _value_findings(path, holder, content, patterns, fields, grammar, omit)
    used = {f.location for f in report.findings if f.status == "omitted"}
    report.unused_omissions = [
        key for key in omit if not any(_omission(loc, {key: ""}) is not None for loc in used)
    ]
    return report


def _value_findings(
    path: str,
    holder: str,
    content: Content,
    patterns: list[etree._Element],
    fields: _Fields,
    grammar: Grammar,
    omit: Mapping[str, str],
) -> list[Finding]:
    """The enumerated values of the attributes, text-only children and text of one element."""
    found: list[Finding] = []
    for name in sorted(content.attributes):
        specs = fields.attr_specs.get(name, [])
        bodies = [c for p in content.attribute_patterns[name] for c in _body(p)]
        for value in enumerated_values(bodies, grammar):
            if name in fields.variants:
                typed = value in fields.variants[name]
            else:
                typed = any(_accepts(f, value) for f in specs)
            found.append(_finding(path, "value", f"@{name}={value}", typed, holder, omit))
    for name in sorted(content.elements):
        leaves = [f for f in fields.elems.get(name, []) if f.kind is Kind.LEAF]
        if not leaves:
            continue
        bodies = [c for p in content.elements[name] for c in _body(p)]
        for value in enumerated_values(bodies, grammar):
            typed = any(_accepts(f, value) for f in leaves)
            found.append(_finding(path, "value", f"{name}={value}", typed, holder, omit))
    if fields.texts:
        for value in enumerated_values((c for p in patterns for c in _body(p)), grammar):
            typed = any(_accepts(f, value) for f in fields.texts)
            found.append(_finding(path, "value", f"text()={value}", typed, holder, omit))
    return found


def domain_coverage(schemas: str | os.PathLike[str]) -> CoverageReport:
    """The coverage of ``domain.rng`` in the directory ``schemas`` by :class:`domxml.Domain`."""
    return check_coverage(load_grammar(Path(schemas) / "domain.rng"), Domain)


# --- the report ----------------------------------------------------------------


def format_counts(counts: Mapping[str, int]) -> str:
    """``checked N, typed N, omitted N, missing N`` on one line."""
    return ", ".join(f"{name} {value}" for name, value in counts.items())


def format_report(report: CoverageReport, *, show_typed: bool = False) -> str:
    """The missing names grouped by parent (all names with ``show_typed``), then totals."""
    lines: list[str] = []
    parent = None
    for f in report.findings:
        if f.status == "typed" and not show_typed:
            continue
        if f.parent != parent:
            parent = f.parent
            lines.append(f"{parent} ({f.holder})")
        mark = {"attribute": "@", "value": "="}.get(f.kind, "<>")
        why = f"  # {f.reason}" if f.reason else ""
        lines.append(f"  {f.status:8} {mark:2} {f.name}{why}")
    lines.append("missing by area:")
    for area, n in sorted(report.missing_by_area().items()):
        lines.append(f"  {n:5d} {area}")
    for key in report.unused_omissions:
        lines.append(f"unused omission (typed now, or not in the schema): {key}")
    lines.append("total: " + format_counts(report.counts()))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the domain schema's coverage; return 0, 1 when names are missing, 2 on error."""
    parser = argparse.ArgumentParser(
        prog="python -m domxml.tools.coverage",
        description="List the names of a libvirt schema that no model field types.",
    )
    parser.add_argument(
        "--data", help=f"the directory holding schemas/ (default: ${ENV_VAR} or ../shared/...)"
    )
    parser.add_argument("--all", action="store_true", help="list typed names too")
    parser.add_argument(
        "--kind",
        default="domain",
        help="the document kind: domain (default), or one of domxml.tools.kinds_coverage.TARGETS,"
        " whose enumerated values are checked too",
    )
    parser.add_argument("--schemas", help="the schema directory itself (e.g. libvirt 12.9.0's)")
    args = parser.parse_args(argv)
    if args.schemas is not None:
        schemas = Path(args.schemas)
    else:
        data = find_data(args.data)
        if data is None:
            print(f"schemas not found: pass --data DIR or set ${ENV_VAR}", file=sys.stderr)
            return 2
        schemas = Path(data) / "schemas"
    try:
        if args.kind == "domain":
            report = domain_coverage(schemas)
        else:
            from domxml.tools.kinds_coverage import TARGETS, kind_coverage

            if args.kind not in TARGETS:
                print(f"unknown kind {args.kind!r}; one of: {', '.join(TARGETS)}", file=sys.stderr)
                return 2
            report = kind_coverage(schemas, args.kind)
    except DomxmlError as error:
        print(error, file=sys.stderr)
        return 2
    sys.stdout.write(format_report(report, show_typed=args.all))
    return 1 if report.count("missing") else 0


if __name__ == "__main__":
    raise SystemExit(main())
