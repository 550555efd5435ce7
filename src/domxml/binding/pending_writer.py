"""Writing a pending element (see :mod:`domxml.binding.pending`) from lxml's element.

An element the program never reached is written, as the writer writes a
parsed model nothing changed (``writer._write_clean``), from the element
itself: attributes and leaves as their source texts, unknown content as
parsed, libvirt's indentation. Which text is the element's own and which
child is a model, a leaf or kept as it is, is decided as the readers decide
it (:mod:`domxml.binding.compiled`); like them, the writer of each class is
generated once, its names and codecs written out as constants.

An element this writer does not write (mixed content, an attribute in the
``xml:`` namespace, a class with namespaced attributes) is read into its
model and written from that. Documents that declare namespaces are never
written here: the writer reads their pending elements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from domxml.binding.compiled import branches, decoding
from domxml.binding.declare import Kind
from domxml.binding.escape import ATTR, ATTR_SPECIAL, TEXT, TEXT_SPECIAL, write_foreign
from domxml.binding.reader import ReadContext, read
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of

#: ``write(el, out, indent, tag)``: append ``el`` as ``tag``; False (nothing appended) if not.
PendingWriter = Callable[[etree._Element, list[str], str, str], bool]

_WRITERS: dict[int, PendingWriter] = {}


def write_pending(f: FieldSpec, el: etree._Element, out: list[str], indent: str) -> None:
    """Append the XML of ``el``, a pending element of field ``f``, as its model would be written."""
    spec = f.spec or f.resolve()
    if not writer_of(spec)(el, out, indent, f.local or spec.decl.tag):
        written_read(spec, el, out, indent, f.local)


def written_read(
    spec: ClassSpec, el: etree._Element, out: list[str], indent: str, local: str | None
) -> None:
    """Append ``el`` read into its model (of ``spec``'s class or its variant), and written."""
    # Imported here: the writer writes pending elements with this module.
    from domxml.binding.writer import write_model

    write_model(read(spec.cls, el, ReadContext(namespaces=False)), out, indent, False, local)


def writer_of(spec: ClassSpec) -> PendingWriter:
    """The pending writer of ``spec``'s class: it picks the variant for each element, if any."""
    writer = _WRITERS.get(id(spec))
    if writer is None:
        decl = spec.decl
        if decl.variants and decl.discriminator is not None:
            writer = _dispatcher(spec, decl.discriminator)
        else:
            writer = _compile(spec)
        _WRITERS[id(spec)] = writer
    return writer


def _dispatcher(spec: ClassSpec, discriminator: str) -> PendingWriter:
    base = _compile(spec)
    get = {value: _compile(spec_of(cls)) for value, cls in spec.decl.variants.items()}.get

    def write_variant(el: etree._Element, out: list[str], indent: str, tag: str) -> bool:
        return (get(el.get(discriminator, "")) or base)(el, out, indent, tag)

    return write_variant


def _child_writer(f: FieldSpec, env: dict[str, Any], name: str) -> PendingWriter:
    """A writer for a child field that compiles its class's on first use (models recurse)."""

    def write_child(el: etree._Element, out: list[str], indent: str, tag: str) -> bool:
        writer = writer_of(f.spec or f.resolve())
        env[name] = writer
        return writer(el, out, indent, tag)

    return write_child


def _refuse(el: etree._Element, out: list[str], indent: str, tag: str) -> bool:
    return False


def _compile(spec: ClassSpec) -> PendingWriter:
    if not spec.plain_attr_names:
        return _refuse
    decl = spec.decl
    env: dict[str, Any] = {
        "ATTR": ATTR,
        "ATTR_SPECIAL": ATTR_SPECIAL,
        "TEXT": TEXT,
        "TEXT_SPECIAL": TEXT_SPECIAL,
        "foreign": write_foreign,
        "written_read": written_read,
        "QUOTE": decl.foreign_quote,
    }
    newline = "\n\n" if decl.blank_lines else "\n"
    lines = [
        "def write(el, out, indent, tag):",
        "    start = len(out)",
        "    append = out.append",
        "    append('<' + tag)",
        "    for name, raw in el.items():",
        "        if name[0] == '{':",
        "            del out[start:]",
        "            return False  # xml:lang and the like: the model writes those",
        "        if not raw.isalnum() and ATTR_SPECIAL(raw):  # most are words",
        "            raw = raw.translate(ATTR)",
        "        append(' ' + name + \"='\" + raw + \"'\")",
        "    text = el.text",
        "    n = len(el)",
        "    if text is not None and n and text.isspace():",
        "        text = None  # indentation",
    ]
    if spec.text is None:
        lines += [
            "    if text is not None and n:",
            "        del out[start:]",
            "        return False  # mixed content",
        ]
    lines += [
        "    if text and TEXT_SPECIAL(text):",
        "        text = text.translate(TEXT)",
        "    if not n:",
        "        append('>' + text + '</' + tag + '>' if text else '/>')",
        "        return True",
        "    if text:",
        "        append('>' + text)",
        "        newline = ''",
        "        inner = indent",
        "    else:",
        "        append('>')",
        "        inner = indent + '  '",
        f"        newline = {newline!r} + inner",
    ]
    singles = [f for f in spec.elem_list if not f.many and f.kind in (Kind.CHILD, Kind.LEAF)]
    lines += [f"    S{i} = False" for i, _ in enumerate(singles)]
    seen = {f.py: f"S{i}" for i, f in enumerate(singles)}
    lines += [
        "    for c in el:",
        "        tail = c.tail",
        "        if tail is not None and not tail.isspace():",
        "            del out[start:]",
        "            return False  # mixed content",
        "        if newline:",
        "            append(newline)",
        "        name = c.tag",
    ]
    foreign = ["foreign(c, out, QUOTE)"]
    bodies: list[tuple[str, list[str]]] = []
    for i, f in enumerate(spec.elem_list):
        flag = seen.get(f.py)
        if f.kind is Kind.CHILD:
            env[f"W{i}"] = _child_writer(f, env, f"W{i}")
            env[f"C{i}"] = child = f.spec or f.resolve()
            body = [
                *([f"{flag} = True"] if flag is not None else []),
                f"if not W{i}(c, out, inner, {f.local or child.decl.tag!r}):",
                f"    written_read(C{i}, c, out, inner, {f.local!r})",
            ]
        elif f.kind is Kind.LEAF:
            body = _leaf_lines(f, i, env, flag)
        else:
            continue
        if flag is not None:  # a second one of a single field is kept as it is
            body = [f"if {flag}:", "    foreign(c, out, QUOTE)", "else:"] + [
                f"    {line}" for line in body
            ]
        bodies.append((f.qname, body))
    lines += branches("name", bodies, foreign, "        ", env, "child_at")
    closing = "\\n" if decl.blank_lines else ""
    lines += [
        "    if text:",
        "        append('</' + tag + '>')",
        "    else:",
        f"        append('{closing}\\n' + indent + '</' + tag + '>')",
        "    return True",
    ]
    source = "\n".join(lines)
    code = compile(source, f"<domxml pending writer for {spec.cls.__qualname__}>", "exec")
    exec(code, env)
    writer: PendingWriter = env["write"]
    return writer


def _leaf_lines(f: FieldSpec, i: int, env: dict[str, Any], flag: str | None) -> list[str]:
    """Lines that write a leaf of ``f`` as its source text, or keep it as it is.

    As the readers do: an element with attributes or children, or whose
    text the codec refuses, is no leaf but kept as it is; ``flag`` is set
    when a leaf of a single field is taken.
    """
    tag = f.written
    lines = [
        "if len(c) or c.attrib:",
        "    foreign(c, out, QUOTE)",
        "else:",
        "    raw = c.text",
        "    if raw is None:",
        "        raw = ''",
    ]
    if f.plain:
        lines.append("    value = raw")
    else:
        lines += [f"    {line}" for line in decoding(f, f"dec{i}", env, "raw", "value")]
    lines += [
        "    if value is None:",
        "        foreign(c, out, QUOTE)",
        "    else:",
        *([f"        {flag} = True"] if flag is not None else []),
        "        if not raw:",
        f"            append({'<' + tag + '/>'!r})",
        "        else:",
        "            if TEXT_SPECIAL(raw):",
        "                raw = raw.translate(TEXT)",
        f"            append({'<' + tag + '>'!r} + raw + {'</' + tag + '>'!r})",
    ]
    return lines
