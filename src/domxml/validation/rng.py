"""A small RELAX NG reader: libvirt's ``.rng`` files as :mod:`patterns`.

It resolves what libxml2 resolves (``include`` relative to the including
file, with its overriding ``start`` and ``define``; ``combine``; nested
``grammar`` with ``parentRef``; ``ns`` and ``datatypeLibrary`` inheritance)
and builds the pattern of a schema's ``start``. Element contents are built
on first use, so reading ``domain.rng`` costs little until a document needs
explaining. It knows nothing of libvirt beyond the RELAX NG it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from lxml import etree

from domxml.errors import SchemaError
from domxml.validation.datatypes import Datatype, datatype
from domxml.validation.patterns import NameClass, Pattern, Patterns

__all__ = ["Grammar", "load_grammar"]

RNG = "http://relaxng.org/ns/structure/1.0"
_R = "{" + RNG + "}"
_RLEN = len(_R)

_START, _DEFINE, _DIV, _INCLUDE = (_R + name for name in ("start", "define", "div", "include"))

_Node = tuple[str, etree._Element]
"""A RELAX NG element and its local name (``element``, ``ref``...)."""


class _Scope:
    """One ``<grammar>``: its start and defines, and its parent grammar."""

    def __init__(self, parent: _Scope | None) -> None:
        self.parent = parent
        self.starts: list[etree._Element] = []
        self.defines: dict[str, list[etree._Element]] = {}
        self.built: dict[str, Pattern] = {}


class Grammar:
    """The patterns of one schema file, built from its RELAX NG."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        #: The schema's own text, when it is no file (its includes resolve beside ``path``).
        self._text = text
        self.patterns = Patterns()
        self._files: dict[Path, etree._Element] = {}
        # Without the white space between elements (half the nodes of a
        # schema's tree): less to parse and to keep. libxml2 keeps the text of
        # an element without children (a <value> of spaces), which is read.
        # Nothing looks elements up by xml:id: no table of them is kept.
        self._parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_blank_text=True,
            collect_ids=False,
        )
        self._building: set[tuple[int, str]] = set()
        self._elements: list[Pattern] = []
        self._inherited_ns: dict[etree._Element, str] = {}
        self._inherited_library: dict[etree._Element, str] = {}
        scope = _Scope(parent=None)
        self._collect(self._file(path), scope)
        self.start = self._start(scope)

    # -- reading files and grammars --------------------------------------------

    def _file(self, path: Path) -> etree._Element:
        path = path.resolve()
        root = self._files.get(path)
        if root is None:
            try:
                if self._text is not None and path == self.path.resolve():
                    root = etree.fromstring(self._text, self._parser, base_url=str(path))
                else:
                    root = etree.parse(str(path), self._parser).getroot()
            except (OSError, etree.XMLSyntaxError) as e:
                raise SchemaError(f"cannot read schema: {e}", filename=str(path)) from None
            if root.tag != _R + "grammar":
                raise SchemaError("not a RELAX NG grammar", filename=str(path))
            self._files[path] = root
        return root

    def _collect(self, grammar: etree._Element, scope: _Scope) -> None:
        """Add the start and defines of ``grammar`` (with its includes) to ``scope``."""
        starts: list[etree._Element] = []
        defines: list[tuple[str, etree._Element]] = []
        self._components(grammar, starts, defines)
        scope.starts.extend(starts)
        for name, node in defines:
            scope.defines.setdefault(name, []).append(node)

    def _components(
        self,
        container: etree._Element,
        starts: list[etree._Element],
        defines: list[tuple[str, etree._Element]],
    ) -> None:
        """Add the starts and defines in ``container``, its ``div``s and includes, in order."""
        for child in container:
            tag = child.tag
            if tag == _DEFINE:
                defines.append((child.get("name", ""), child))
            elif tag == _START:
                starts.append(child)
            elif tag == _DIV:
                self._components(child, starts, defines)
            elif tag == _INCLUDE:
                self._include(child, starts, defines)

    def _include(
        self,
        include: etree._Element,
        starts: list[etree._Element],
        defines: list[tuple[str, etree._Element]],
    ) -> None:
        """Add an included grammar's components, less those ``include`` overrides, then its own."""
        href = include.get("href", "")
        base = Path(include.getroottree().docinfo.URL or ".").parent
        included = self._file(base / href)
        own_starts: list[etree._Element] = []
        own_defines: list[tuple[str, etree._Element]] = []
        self._components(include, own_starts, own_defines)
        inner_starts: list[etree._Element] = []
        inner_defines: list[tuple[str, etree._Element]] = []
        self._components(included, inner_starts, inner_defines)
        overridden = {name for name, _ in own_defines}
        if not own_starts:
            starts.extend(inner_starts)
        if overridden:
            defines.extend(item for item in inner_defines if item[0] not in overridden)
        else:  # most includes override nothing
            defines.extend(inner_defines)
        starts.extend(own_starts)
        defines.extend(own_defines)

    # -- building patterns -------------------------------------------------------

    def _start(self, scope: _Scope) -> Pattern:
        if not scope.starts:
            raise SchemaError("grammar has no <start>", filename=str(self.path))
        return self._combine(scope.starts, scope, "")

    def _define(self, scope: _Scope, name: str) -> Pattern:
        found = scope.built.get(name)
        if found is not None:
            return found
        nodes = scope.defines.get(name)
        if not nodes:
            raise SchemaError(f"reference to undefined pattern {name!r}", filename=str(self.path))
        key = (id(scope), name)
        if key in self._building:
            raise SchemaError(
                f"pattern {name!r} refers to itself outside an element", filename=str(self.path)
            )
        self._building.add(key)
        try:
            pattern = self._combine(nodes, scope, name)
        finally:
            self._building.discard(key)
        scope.built[name] = pattern
        return pattern

    def _combine(self, nodes: list[etree._Element], scope: _Scope, label: str) -> Pattern:
        if len(nodes) == 1:
            return self._group(_children(nodes[0]), scope, label)
        parts = []
        for node in nodes:
            parts.append(self._group(_children(node), scope, label))
        combine = next((node.get("combine") for node in nodes if node.get("combine")), "choice")
        p = self.patterns
        return p.interleave(*parts) if combine == "interleave" else p.choice(*parts)

    def _group(self, nodes: list[_Node], scope: _Scope, label: str) -> Pattern:
        if len(nodes) == 1:  # most bodies: a single ref, choice, value...
            return self._pattern(nodes[0], scope, label)
        p = self.patterns
        result = p.empty
        for node in reversed(nodes):
            result = p.group(self._pattern(node, scope, label), result)
        return result

    def _each(self, nodes: list[_Node], scope: _Scope, label: str) -> list[Pattern]:
        patterns = []
        for node in nodes:
            patterns.append(self._pattern(node, scope, label))
        return patterns

    def _pattern(self, item: _Node, scope: _Scope, label: str) -> Pattern:
        # The constructs by how often libvirt's schemas use them; children
        # are listed only for the constructs that have some. ``label`` is the
        # name of the define being read: that of the elements in it too (one
        # written directly in a define is in no other). No lambda or
        # comprehension here: in Python 3.11 their closure costs cells at each
        # call; partial() makes the lazy contents.
        p = self.patterns
        tag, node = item
        if tag == "optional":
            return p.optional(self._group(_children(node), scope, label))
        if tag == "ref":
            return self._define(scope, node.get("name", ""))
        if tag == "value":
            name = node.get("type")
            value_type = _TOKEN if name is None else self._datatype(node, name, ())
            return p.value(value_type, node.text or "", label)
        if tag == "attribute":
            name = node.get("name")
            if name is None:
                children = _children(node)
                nc = self._name_class(children, attribute=True)
                body = children[1:]
                if not body:
                    return p.attribute(nc, p.text)
                return p.attribute(nc, build=partial(self._group, body, scope, label))
            # Its children are read only if a document's attribute is looked at.
            return p.attribute(
                _qname(node, name.strip(), None),
                build=partial(self._attribute_value, node, scope, label),
            )
        if tag == "element":
            name = node.get("name")
            if name is None:
                children = _children(node)
                nc = self._name_class(children, attribute=False)
                body = children[1:]
                element = p.element(nc, partial(self._group, body, scope, label), label)
            else:
                nc = _qname(node, name.strip(), self._ns)
                element = p.element(nc, partial(self._content, node, scope, label), label)
            self._elements.append(element)
            return element
        if tag == "choice":
            return p.choice(*self._each(_children(node), scope, label))
        if tag == "group":
            return self._group(_children(node), scope, label)
        if tag == "interleave":
            return p.interleave(*self._each(_children(node), scope, label))
        if tag == "data":
            children = _children(node)
            params = [(el.get("name", ""), el.text or "") for t, el in children if t == "param"]
            excepts = [el for t, el in children if t == "except"]
            excluded = None
            if excepts:
                excluded = p.choice(*self._each(_children(excepts[0]), scope, label))
            return p.data(self._datatype(node, node.get("type"), params), excluded, label)
        if tag == "zeroOrMore":
            return p.optional(p.one_or_more(self._group(_children(node), scope, label)))
        if tag == "text":
            return p.text
        if tag == "empty":
            return p.empty
        if tag == "oneOrMore":
            return p.one_or_more(self._group(_children(node), scope, label))
        if tag == "notAllowed":
            return p.not_allowed
        if tag == "mixed":
            return p.interleave(p.text, self._group(_children(node), scope, label))
        if tag == "list":
            return p.list_of(self._group(_children(node), scope, label))
        if tag == "parentRef":
            if scope.parent is None:
                raise SchemaError("parentRef outside a nested grammar", filename=str(self.path))
            return self._define(scope.parent, node.get("name", ""))
        if tag == "grammar":
            nested = _Scope(parent=scope)
            self._collect(node, nested)
            return self._start(nested)
        if tag == "externalRef":
            base = Path(node.getroottree().docinfo.URL or ".").parent
            external = self._file(base / node.get("href", ""))
            outside = _Scope(parent=None)
            self._collect(external, outside)
            return self._start(outside)
        raise SchemaError(
            f"unsupported RELAX NG construct <{node.tag}>",
            filename=str(self.path),
            line=node.sourceline if isinstance(node.sourceline, int) else None,
        )

    def _content(self, node: etree._Element, scope: _Scope, label: str) -> Pattern:
        """The content of the element ``node`` (which has a name)."""
        return self._group(_children(node), scope, label)

    def _attribute_value(self, node: etree._Element, scope: _Scope, label: str) -> Pattern:
        """What the value of the attribute ``node`` (which has a name) must match."""
        children = _children(node)
        return self._group(children, scope, label) if children else self.patterns.text

    def _name_class(self, children: list[_Node], *, attribute: bool) -> NameClass:
        """The name class of an element or attribute without a ``name`` attribute."""
        if not children:
            raise SchemaError("element or attribute without a name", filename=str(self.path))
        return self._name_class_of(children[0], attribute)

    def _name_class_of(self, item: _Node, attribute: bool) -> NameClass:
        tag, node = item
        excepts = [el for t, el in _children(node) if t == "except"]
        excluded = self._name_choice(_children(excepts[0]), attribute) if excepts else None
        if tag == "name":
            return _qname(node, (node.text or "").strip(), self._ns)
        if tag == "anyName":
            return ("any", excluded)
        if tag == "nsName":
            return ("ns", self._ns(node), excluded)
        if tag == "choice":
            return self._name_choice(_children(node), attribute)
        raise SchemaError(f"unsupported name class <{node.tag}>", filename=str(self.path))

    def _name_choice(self, nodes: list[_Node], attribute: bool) -> NameClass:
        classes = [self._name_class_of(node, attribute) for node in nodes]
        result = classes[0]
        for nc in classes[1:]:
            result = ("choice", result, nc)
        return result

    # -- inherited attributes ----------------------------------------------------

    def _ns(self, node: etree._Element) -> str:
        """The ``ns`` attribute of ``node`` or of its nearest ancestor that has one."""
        return _inherited(node, "ns", self._inherited_ns)

    def _datatype(
        self, node: etree._Element, name: str | None, params: list[tuple[str, str]] | tuple[()]
    ) -> Datatype:
        """The datatype ``name`` of a ``<value>`` or ``<data>``, in its inherited library."""
        library = _inherited(node, "datatypeLibrary", self._inherited_library)
        return datatype(library, (name or "token").strip(), params)

    def element_patterns(self) -> list[Pattern]:
        """Every element pattern of the schema (building all element contents)."""
        done = 0
        while done < len(self._elements):
            self._elements[done].content  # noqa: B018 - builds nested elements
            done += 1
        return list(self._elements)


class _LocalNames(dict[object, str]):
    """The local name of each RELAX NG tag; ``""`` for other tags (annotations)."""

    def __missing__(self, tag: object) -> str:
        name = tag[_RLEN:] if isinstance(tag, str) and tag.startswith(_R) else ""
        self[tag] = name
        return name


#: Reading an lxml tag makes a new string; its local name is looked up, not sliced.
_LOCAL_NAMES = _LocalNames()


def _children(node: etree._Element) -> list[_Node]:
    """The RELAX NG elements in ``node`` with their local names (others are annotations)."""
    found = []
    for child in node:
        name = _LOCAL_NAMES[child.tag]
        if name:
            found.append((name, child))
    return found


def _inherited(node: etree._Element, attribute: str, known: dict[etree._Element, str]) -> str:
    """The value of ``attribute`` on ``node`` or its nearest ancestor that has it (or ``""``).

    ``known`` keeps the answer for each node walked through, so that the next
    walk stops at the first of them: the elements of a define share their
    ancestors. It holds the nodes themselves, which keeps each lxml proxy, and
    so its identity, alive.
    """
    walked: list[etree._Element] = []
    found = ""
    current: etree._Element | None = node
    while current is not None:
        value = known.get(current)
        if value is None:
            value = current.get(attribute)
            walked.append(current)
        if value is not None:
            found = value
            break
        current = current.getparent()
    for element in walked:
        known[element] = found
    return found


def _qname(node: etree._Element, name: str, ns: Callable[[etree._Element], str] | None) -> str:
    """``{uri}local`` for ``name`` written in ``node``; ``ns`` gives the default namespace.

    ``ns`` is None for an attribute's ``name`` attribute, which means no
    namespace (a ``<name>`` element inherits ``ns``, for attributes too).
    """
    if ":" in name:
        prefix, local = name.split(":", 1)
        uri = node.nsmap.get(prefix, "")
    else:
        local = name
        uri = "" if ns is None else ns(node)
    return f"{{{uri}}}{local}" if uri else local


#: A ``<value>``'s type when it names none (datatypes are values: one serves all).
_TOKEN = datatype("", "token")

_CACHE: dict[Path, Grammar] = {}


def load_grammar(path: Path, text: str | None = None) -> Grammar:
    """The grammar of schema file ``path``, read once per process.

    ``text``: the schema's text, where no file holds it (a set's grammar of
    single devices, :mod:`domxml.validation.devices`); ``path`` then says
    where its includes resolve.
    """
    key = path.resolve()
    grammar = _CACHE.get(key)
    if grammar is None:
        grammar = Grammar(key, text)
        _CACHE[key] = grammar
    return grammar
