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
import functools
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from domxml.binding import Model
from domxml.binding.declare import Kind
from domxml.binding.spec import FieldSpec, spec_of
from domxml.errors import DomxmlError
from domxml.models.domain import Domain
from domxml.safe_xml import safe_parser
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
    "coverage",
    "domain_coverage",
    "format_counts",
    "format_report",
    "load_grammar",
    "main",
    "roots",
    "values",
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
    # The same shared definition lets a <target type=...> take the target
    # types of all three devices; libvirt's parser reads each device's own
    # list only (virDomainChrTargetTypeFromString) and refuses the others
    # ("unknown target type '...' specified for character device").
    "/domain/devices/console/target/@type='*'": "another device's target type: refused",
    "/domain/devices/serial/target/@type='*'": "another device's target type: refused",
    "/domain/devices/parallel/target/@type='*'": "a parallel port has no target type",
    # Xen's old blktap driver <driver name='tap' type='aio'>: libvirt reads
    # it as raw and never writes it (virDomainDiskDefDriverSourceParseXML).
    "/domain/devices/disk/driver/@type='aio'": "Xen's legacy name of raw, never written",
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
        return etree.fromstring(path.read_bytes(), safe_parser(), base_url=str(path))
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
    elements: dict[str, list[etree._Element]] = field(default_factory=dict)
    open_elements: set[str] = field(default_factory=set)
    open_attributes: bool = False
    #: The ``<attribute>`` patterns that define each attribute name.
    attribute_patterns: dict[str, list[etree._Element]] = field(default_factory=dict)


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


def _nested_roots(grammar: etree._Element) -> list[str]:
    """The names of the start elements of a nested ``<grammar>`` made of includes."""
    names: list[str] = []
    for include in _rng_children(grammar):
        if _local(include) != "include":
            raise _error("a nested grammar other than includes is not supported", include)
        nested = load_grammar(Path(include.base or "").parent / include.get("href", ""))
        names.extend(collect(nested.start, nested).elements)
    return names


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
            # A nested grammar (a snapshot's embedded <domain>): its root
            # elements are named here, their content is the nested schema's
            # own walk (domain.rng), not this one's.
            for name in _nested_roots(node):
                content.elements.setdefault(name, [])
        elif kind not in _LEAVES:
            raise _error(f"unexpected pattern <{kind}>", node)
    return content


def values(patterns: Iterable[etree._Element], grammar: Grammar) -> list[str]:
    """The ``<value>`` words the content patterns allow as text, following references.

    Nested ``<element>`` and ``<attribute>`` patterns are not entered: these
    are the values of one attribute, or of one element's own text.
    """
    found: dict[str, None] = {}
    stack = list(patterns)
    refs: set[str] = set()
    while stack:
        node = stack.pop()
        kind = _local(node)
        if kind == "value":
            found[(node.text or "").strip()] = None
        elif kind == "ref":
            name = node.get("name", "")
            if name not in refs:
                refs.add(name)
                for define in grammar.defines.get(name, ()):
                    stack.extend(_rng_children(define))
        elif kind in _CONTAINERS or kind == "list":
            stack.extend(_rng_children(node))
    return sorted(found)


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
    kind: str  # "attribute", "element" or "value"
    name: str
    status: str
    holder: str = ""
    reason: str = ""

    @property
    def location(self) -> str:
        """The parent's path and the name (``@name`` for an attribute, ``='word'`` for a value).

        A value's parent is the attribute or element it is the value of:
        ``/domain/devices/disk/@device='lun'``, ``/domain/on_crash='destroy'``.
        """
        if self.kind == "value":
            return f"{self.parent}='{self.name}'"
        return f"{self.parent}/{'@' if self.kind == 'attribute' else ''}{self.name}"


@dataclass
class CoverageReport:
    """Every name checked, in the order of the walk (parents before children)."""

    findings: list[Finding] = field(default_factory=list)
    unused_omissions: list[str] = field(default_factory=list)
    """Omission keys that matched no untyped name: typed since, or gone from the schema."""

    def count(self, status: str | None = None, *, under: str | None = None) -> int:
        """How many names have ``status`` (any if ``None``), below ``under`` if given."""
        return sum(1 for f in self._select(under) if status is None or f.status == status)

    def missing(self, *, under: str | None = None, outside: str | None = None) -> list[Finding]:
        """The missing names, below ``under`` and not below ``outside`` if given."""
        return [
            f
            for f in self._select(under)
            if f.status == "missing" and (outside is None or not _below(f.parent, outside))
        ]

    def counts(self, *, under: str | None = None) -> dict[str, int]:
        """The totals: names checked, typed, omitted and missing."""
        return {
            "checked": self.count(under=under),
            "typed": self.count("typed", under=under),
            "omitted": self.count("omitted", under=under),
            "missing": self.count("missing", under=under),
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
    #: The attribute fields by XML name, and the text fields (several classes, several).
    attr_specs: dict[str, list[FieldSpec]] = field(default_factory=dict)
    texts: list[FieldSpec] = field(default_factory=list)


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
    has_any = False
    for cls in _family(models):
        spec = spec_of(cls)
        attrs.update(spec.attrs)
        for f in spec.attr_list:
            attr_specs.setdefault(f.qname, []).append(f)
        if spec.text is not None:
            texts.append(spec.text)
        for f in spec.elem_list:
            if f.kind is Kind.ANY:
                has_any = True
            else:
                elems.setdefault(f.qname, []).append(f)
    return _Fields(frozenset(attrs), elems, has_any, attr_specs, texts)


def _reads(specs: Sequence[FieldSpec], word: str) -> bool:
    """Whether one of the fields reads ``word`` as a typed value (an enum member, a boolean...)."""
    for f in specs:
        try:
            f.codec.decode(word)
        except (ValueError, KeyError, TypeError):
            continue
        return True
    return False


def _value_findings(
    parent: str,
    words: Iterable[str],
    specs: Sequence[FieldSpec],
    holder: str,
    omissions: Mapping[str, str],
) -> Iterator[Finding]:
    """A finding per enumerated value of a typed attribute or text: read, or missing."""
    for word in words:
        yield _finding(parent, "value", word, _reads(specs, word), holder, omissions)


def _key(node: etree._Element) -> str:
    return f"{node.base}#{node.getroottree().getpath(node)}"


def _omission(location: str, omissions: Mapping[str, str]) -> str | None:
    reason = omissions.get(location)
    if reason is not None:
        return reason
    for key, why in omissions.items():
        if key.startswith("//") and location.endswith(key[1:]):
            return why
        # "...@type='*'": every value the field does not read.
        if key.endswith("='*'") and location.startswith(key[:-2]):
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
) -> CoverageReport:
    """Walk ``grammar`` from its start element named like ``root`` with ``root`` bound to it.

    The walk is breadth first. An element is checked once per set of model
    classes and schema definitions: reached again (through a recursive
    definition such as a backing chain, or at another path with the same
    model and definitions, like ``<address>``), it is reported at its first,
    shortest path only. ``omissions`` defaults to :data:`DOMAIN_OMISSIONS`.
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
        body = [c for p in patterns for c in _body(p)]
        content = collect(body, grammar)
        fields = _fields(models)
        found = report.findings
        if fields.texts:
            found.extend(_value_findings(path, values(body, grammar), fields.texts, holder, omit))
        for name in sorted(content.attributes):
            found.append(_finding(path, "attribute", name, name in fields.attrs, holder, omit))
            specs_a = fields.attr_specs.get(name)
            if specs_a:
                attr_body = [c for p in content.attribute_patterns[name] for c in _body(p)]
                words = values(attr_body, grammar)
                at = f"{path}/@{name}"
                found.extend(_value_findings(at, words, specs_a, holder, omit))
        for name in sorted(content.elements):
            specs = fields.elems.get(name, [])
            found.append(_finding(path, "element", name, bool(specs), holder, omit))
            leaves = [s for s in specs if s.kind is Kind.LEAF]
            if leaves:
                words = values([c for p in content.elements[name] for c in _body(p)], grammar)
                at = f"{path}/{name}"
                found.extend(_value_findings(at, words, leaves, holder, omit))
            # A leaf (or no field) gives no model: whatever the schema allows
            # below it is missing.
            children = tuple(dict.fromkeys(s.model for s in specs if s.model is not None))
            below = ", ".join(m.__name__ for m in children) or ("leaf" if specs else "no field")
            queue.append((f"{path}/{name}", children, below, content.elements[name]))
        for wild in sorted(content.open_elements):
            found.append(_finding(path, "element", wild, fields.any, holder, omit))
    used = {f.location for f in report.findings if f.status == "omitted"}
    mine = [key for key in omit if key.startswith((f"/{tag}/", "//"))]
    report.unused_omissions = [
        key for key in mine if not any(_omission(loc, {key: ""}) is not None for loc in used)
    ]
    return report


def domain_coverage(schemas: str | os.PathLike[str]) -> CoverageReport:
    """The coverage of ``domain.rng`` in the directory ``schemas`` by :class:`domxml.Domain`."""
    return check_coverage(load_grammar(Path(schemas) / "domain.rng"), Domain)


def roots() -> dict[str, type[Model]]:
    """The schema file of each document kind the models cover, and its root model."""
    from domxml.models import DomainSnapshot, Network, StoragePool, StorageVolume

    return {
        "domain.rng": Domain,
        "network.rng": Network,
        "storagepool.rng": StoragePool,
        "storagevol.rng": StorageVolume,
        "domainsnapshot.rng": DomainSnapshot,
    }


def coverage(schemas: str | os.PathLike[str], schema: str) -> CoverageReport:
    """The coverage of the schema file ``schema`` (``network.rng``...) by its root model."""
    return check_coverage(load_grammar(Path(schemas) / schema), roots()[schema])


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
        mark = "@" if f.kind == "attribute" else "<>"
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
        description="List the names and enumerated values of libvirt's schemas that no model"
        " field types.",
    )
    parser.add_argument(
        "--data", help=f"the directory holding schemas/ (default: ${ENV_VAR} or ../shared/...)"
    )
    parser.add_argument("--all", action="store_true", help="list typed names too")
    parser.add_argument(
        "--schema",
        action="append",
        choices=sorted(roots()),
        help="the schema file to check (repeatable; default: every kind modelled)",
    )
    parser.add_argument(
        "--kind",
        action="append",
        help="a kind of domxml.tools.kinds_coverage.TARGETS (capabilities, nodedev...;"
        " repeatable), instead of --schema",
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
    missing = 0
    for name, make in _reports(schemas, args.schema, args.kind):
        try:
            report = make()
        except DomxmlError as error:
            print(error, file=sys.stderr)
            return 2
        sys.stdout.write(f"== {name}\n" + format_report(report, show_typed=args.all))
        missing += report.count("missing")
    return 1 if missing else 0


def _reports(
    schemas: Path, files: list[str] | None, kinds: list[str] | None
) -> list[tuple[str, Callable[[], CoverageReport]]]:
    """What to report: the schema files given, the kinds given, or every schema file."""
    if kinds:
        from domxml.tools.kinds_coverage import TARGETS, kind_coverage

        unknown = [kind for kind in kinds if kind not in TARGETS]
        if unknown:
            raise SystemExit(f"unknown kind {unknown[0]!r}; one of: {', '.join(TARGETS)}")
        return [(k, functools.partial(kind_coverage, schemas, k)) for k in kinds]
    return [(f, functools.partial(coverage, schemas, f)) for f in files or sorted(roots())]


if __name__ == "__main__":
    raise SystemExit(main())
