"""Edits that stay small: what a program did not change is written as it was read.

Over libvirt's domain documents, four edits written with ``style="parsed"``
must change only the lines of the edited element; a document the program
did not touch must be its source text whatever else the process did, also
after pickle, copy and a trip through another process.
"""

from __future__ import annotations

import copy
import difflib
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from corpus import canonical, corpus_files, is_well_formed, show_diff
from lxml import etree

import domxml
from domxml.binding import write_document
from domxml.binding.node import node_of
from domxml.binding.spec import spec_of
from domxml.models.domain import BridgeInterface, BridgeSource

HAND_EDITED = """<?xml version="1.0"?>
<!-- a VM kept in git -->
<domain type="kvm">
    <name>web01</name>
    <memory unit="KiB">4194304</memory> <!-- 4 GiB -->

    <vcpu placement="static">2</vcpu>
    <os>
        <type arch="x86_64" machine="pc-q35-8.2">hvm</type>
    </os>
    <devices>
        <!-- boot disk -->
        <disk type="file" device="disk">
            <driver name="qemu" type="qcow2"/>
            <source file="/var/lib/libvirt/images/web01.qcow2"/>
            <target bus="virtio"  dev="vda" />
        </disk>
        <interface type="network">
            <mac address="52:54:00:12:34:56"/>
            <source network="default"/>
        </interface>
        <memballoon model="virtio"/>
    </devices>
</domain>
"""


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a unified diff shows as removed or added."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_one_changed_field_is_one_changed_line() -> None:
    dom = domxml.parse(HAND_EDITED)
    dom.memory.value = 8388608
    written = domxml.to_xml(dom)
    assert changed_lines(HAND_EDITED, written) == [
        '-    <memory unit="KiB">4194304</memory> <!-- 4 GiB -->',
        '+    <memory unit="KiB">8388608</memory> <!-- 4 GiB -->',
    ]


def test_a_changed_attribute_rewrites_its_element_in_the_document_quotes() -> None:
    dom = domxml.parse(HAND_EDITED)
    dom.devices.disks[0].target.dev = "vdb"
    assert changed_lines(HAND_EDITED, domxml.to_xml(dom)) == [
        '-            <target bus="virtio"  dev="vda" />',
        '+            <target bus="virtio" dev="vdb"/>',
    ]


def test_a_new_element_is_indented_like_its_siblings() -> None:
    dom = domxml.parse(HAND_EDITED)
    dom.devices.interfaces.append(BridgeInterface(source=BridgeSource(bridge="br1")))
    assert changed_lines(HAND_EDITED, domxml.to_xml(dom)) == [
        '+        <interface type="bridge">',
        '+            <source bridge="br1"/>',
        "+        </interface>",
    ]


def test_a_removed_element_takes_its_lines_along() -> None:
    dom = domxml.parse(HAND_EDITED)
    dom.devices.interfaces.pop()
    assert changed_lines(HAND_EDITED, domxml.to_xml(dom)) == [
        '-        <interface type="network">',
        '-            <mac address="52:54:00:12:34:56"/>',
        '-            <source network="default"/>',
        "-        </interface>",
    ]


def test_libvirt_style_keeps_each_comment_before_its_sibling() -> None:
    written = domxml.to_xml(domxml.parse(HAND_EDITED), style="libvirt")
    assert "<!-- a VM kept in git -->\n<domain type='kvm'>" in written
    assert "<memory unit='KiB'>4194304</memory> <!-- 4 GiB -->\n  <vcpu" in written
    assert "<!-- boot disk -->\n    <disk type='file'" in written


def test_a_change_through_an_any_elements_tree_is_seen() -> None:
    xml = (
        "<domain type='kvm'>\n  <name>a</name>\n  <metadata>\n"
        "    <app:x xmlns:app='urn:app'><app:y v='1'/></app:x>\n  </metadata>\n</domain>\n"
    )
    dom = domxml.parse(xml)
    assert domxml.to_xml(dom) == xml
    held = dom.metadata.elements[0]
    next(held.getroottree().iter("{urn:app}y")).set("v", "2")
    written = domxml.to_xml(dom)
    # Changed <metadata> content is written as libvirt does, through libxml2.
    assert changed_lines(xml, written) == [
        "-    <app:x xmlns:app='urn:app'><app:y v='1'/></app:x>",
        '+    <app:x xmlns:app="urn:app"><app:y v="2"/></app:x>',
    ]


def _unrelated_activity() -> None:
    """What used to switch every parsed document from its source text to a rewritten one."""
    domxml.Domain(name="other", type="kvm")
    other = domxml.parse(HAND_EDITED)
    copy.deepcopy(other)
    domxml.diff(other, other)
    other.name = "changed"


def test_output_does_not_depend_on_unrelated_activity() -> None:
    source = HAND_EDITED.replace('"', "'").replace("    ", "   ")
    dom = domxml.parse(source)
    before = domxml.to_xml(dom)
    _unrelated_activity()
    assert domxml.to_xml(dom) == before == source


WITH_FOREIGN = HAND_EDITED.replace(
    "    <devices>",
    "    <metadata>\n        <app:x xmlns:app='urn:app'><app:y v='1'/></app:x>\n    </metadata>\n"
    "    <?app note?>\n    <unknown q='1'/>\n    <devices>",
)


@pytest.mark.parametrize(
    "duplicate",
    [copy.copy, copy.deepcopy, lambda d: pickle.loads(pickle.dumps(d))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_copies_are_written_with_their_own_changes(duplicate: Callable[[Any], Any]) -> None:
    dom = domxml.parse(WITH_FOREIGN)
    twin = duplicate(dom)
    assert domxml.to_xml(twin) == WITH_FOREIGN
    twin.name = "web02"
    twin.devices.disks[0].target.dev = "vdb"
    assert changed_lines(WITH_FOREIGN, domxml.to_xml(twin)) == [
        "-    <name>web01</name>",
        "+    <name>web02</name>",
        '-            <target bus="virtio"  dev="vda" />',
        '+            <target bus="virtio" dev="vdb"/>',
    ]
    if duplicate is not copy.copy:  # a shallow copy shares its children
        assert domxml.to_xml(dom) == WITH_FOREIGN


def test_a_copied_any_elements_tree_is_watched_in_the_copy() -> None:
    for twin in (
        copy.deepcopy(domxml.parse(WITH_FOREIGN)),
        pickle.loads(pickle.dumps(domxml.parse(WITH_FOREIGN))),
    ):
        twin.metadata.elements[0][0].set("v", "2")
        assert changed_lines(WITH_FOREIGN, domxml.to_xml(twin)) == [
            "-        <app:x xmlns:app='urn:app'><app:y v='1'/></app:x>",
            '+        <app:x xmlns:app="urn:app"><app:y v="2"/></app:x>',
        ]


def _edit_in_child(data: bytes) -> bytes:
    dom = pickle.loads(data)
    dom.name = "new"
    dom.devices.disks[0].source.file = "/new.qcow2"
    return pickle.dumps(dom)


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_document_edited_in_another_process_is_written_with_the_edit(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.fail(f"start method {method} is not available here")
    dom = domxml.parse(WITH_FOREIGN)
    with multiprocessing.get_context(method).Pool(1) as pool:
        edited = pickle.loads(pool.apply(_edit_in_child, (pickle.dumps(dom),)))
    written = domxml.to_xml(edited)
    assert changed_lines(WITH_FOREIGN, written) == [
        "-    <name>web01</name>",
        "+    <name>new</name>",
        '-            <source file="/var/lib/libvirt/images/web01.qcow2"/>',
        '+            <source file="/new.qcow2"/>',
    ]
    assert domxml.to_xml(dom) == WITH_FOREIGN


# ---------------------------------------------------------------- the corpus


def _line_range(el: etree._Element) -> tuple[int, int]:
    """First and last source line of ``el``."""
    first = el.sourceline
    assert isinstance(first, int)
    return first, first + etree.tostring(el, with_tail=False).count(b"\n")


def _only_lines(source: str, written: str, first: int, last: int) -> bool:
    """Whether ``written`` is ``source`` with at most its lines ``first``..``last`` changed."""
    src, out = source.splitlines(), written.splitlines()
    before, after = first - 1, len(src) - last
    return (
        len(out) >= before + after
        and out[:before] == src[:before]
        and out[len(out) - after :] == src[len(src) - after :]
    )


def _set_memory(dom: Any, root: etree._Element) -> tuple[int, int] | str:
    el = root.find("memory")
    if dom.memory is None or dom.memory.value is None or el is None:
        return "no typed <memory> value"
    dom.memory.value += 1
    return _line_range(el)


def _set_target(dom: Any, root: etree._Element) -> tuple[int, int] | str:
    disk = root.find("devices/disk")
    if dom.devices is None or not dom.devices.disks or dom.devices.disks[0].target is None:
        return "no typed first disk with a <target>"
    target = disk.find("target") if disk is not None else None
    if target is None:
        return "the first disk's <target> is not the typed one"
    dom.devices.disks[0].target.dev = "vdzz"
    return _line_range(target)


def _remove_last_device(dom: Any, root: etree._Element) -> tuple[int, int] | str:
    devices = root.find("devices")
    children = [] if devices is None else [c for c in devices if isinstance(c.tag, str)]
    if dom.devices is None or not children:
        return "no device"
    last = children[-1]
    f = spec_of(type(dom.devices)).elems.get(last.tag)
    if f is None:
        return f"the last device <{last.tag}> is not typed"
    held = getattr(dom.devices, f.py)
    if f.many:
        held.pop()
    else:
        setattr(dom.devices, f.py, None)
    return _line_range(last)


def _append_interface(dom: Any, root: etree._Element) -> tuple[int, int] | str:
    devices = root.find("devices")
    if dom.devices is None or devices is None or not len(devices):
        return "no <devices> with children"
    dom.devices.interfaces.append(BridgeInterface(source=BridgeSource(bridge="br9")))
    return (0, 0)  # an insertion: checked apart


def _inserted_like_siblings(source: str, written: str, root: etree._Element) -> bool:
    """Whether ``written`` is ``source`` with lines inserted at one place, indented as devices."""
    src, out = source.splitlines(), written.splitlines()
    added = len(out) - len(src)
    if added <= 0:
        return False
    devices = root.find("devices")
    assert devices is not None
    first_device = next(c for c in devices if isinstance(c.tag, str))
    line = src[first_device.sourceline - 1]  # type: ignore[operator]
    indent = line[: len(line) - len(line.lstrip())]
    prefix = 0
    while prefix < len(src) and src[prefix] == out[prefix]:
        prefix += 1
    # Where the same lines end the block and follow it, the block may start earlier.
    for at in range(prefix, -1, -1):
        new = out[at : at + added]
        if out[at + added :] != src[at:]:
            continue
        if (
            new[0] == indent + new[0].strip()
            and new[0].lstrip().startswith("<interface")
            and all(n.startswith(indent) for n in new)
        ):
            return True
    return False


EDITS: dict[str, Callable[[Any, etree._Element], tuple[int, int] | str]] = {
    "memory": _set_memory,
    "first disk target/@dev": _set_target,
    "remove the last device": _remove_last_device,
    "append an <interface>": _append_interface,
}


def _domain_documents() -> list[tuple[str, str, bytes]]:
    documents = []
    for param in corpus_files("domain"):
        entry = param.values[0]
        if entry is None:
            pytest.skip("corpus missing")
        data = entry.file.read_bytes()
        if is_well_formed(data):
            documents.append((entry.path, data.decode("utf-8"), data))
    return documents


@pytest.mark.parametrize("edit", list(EDITS))
def test_corpus_edits_change_only_the_edited_lines(edit: str) -> None:
    """Each edit of every well-formed domain document changes only its element's lines."""
    change = EDITS[edit]
    applied, good, not_applicable = 0, 0, 0
    bad: list[str] = []
    for path, text, data in _domain_documents():
        dom = domxml.parse(data)
        root = etree.fromstring(data)
        where = change(dom, root)
        if isinstance(where, str):
            not_applicable += 1
            continue
        applied += 1
        written = domxml.to_xml(dom)
        # The same content as writing every model out...
        full = write_document(dom, "parsed", verbatim=False)
        if canonical(written) != canonical(full):
            bad.append(
                f"{path}: content differs\n"
                + show_diff(canonical(full), canonical(written), one_tag_per_line=True)
            )
            continue
        # ...and only the edited lines changed.
        if edit.startswith("append"):
            ok = _inserted_like_siblings(text, written, root)
        elif edit.startswith("remove"):  # its lines go, and nothing else
            first, last = where
            lines = text.splitlines()
            ok = written.splitlines() == lines[: first - 1] + lines[last:]
        else:
            ok = _only_lines(text, written, *where)
        if ok:
            good += 1
        else:
            bad.append(f"{path}: other lines changed\n" + show_diff(text, written))
    print(
        f"\n{edit}: {good}/{applied} documents minimal"
        f" ({100 * good / max(applied, 1):.2f}%), {not_applicable} without what it edits"
    )
    for line in bad:
        print("  " + line.splitlines()[0])
    assert applied > 0
    assert good >= 0.995 * applied, "\n".join(bad[:5])


# ------------------------------------------------------ comments in libvirt's layout


def _name(el: etree._Element | None) -> str:
    """``tag[n]``: an element among its siblings of the same name; "" for none."""
    if el is None:
        return ""
    same = [e for e in el.itersiblings(preceding=True) if e.tag == el.tag]
    return f"{el.tag}[{len(same) + 1}]"


class Note(NamedTuple):
    """Where a comment or PI stands: its parent, the elements either side of it."""

    parent: str  # "" around the root element
    before: str  # the element just before it ("" none)
    after: str  # the element just after it ("" none)
    text: str
    on_line: bool  # on the line where the element before it ends


def _on_line(note: etree._Element) -> bool:
    node = note
    while (previous := node.getprevious()) is not None:
        if "\n" in (previous.tail or ""):
            return False
        if isinstance(previous.tag, str):
            return True
        node = previous
    return False


def _notes(document: bytes | str) -> tuple[list[Note], dict[str, list[str]]]:
    """Each comment and PI in document order, and each parent's child elements in order."""
    root = etree.fromstring(document.encode() if isinstance(document, str) else document)
    around = [*reversed(list(root.itersiblings(preceding=True))), *root.itersiblings()]
    found = []
    children: dict[str, list[str]] = {"": [_name(root)]}
    for el in root.iter(etree.Element):
        children[_path(el)] = [_name(c) for c in el if isinstance(c.tag, str)]
    for note in [*around, *root.iter(etree.Comment, etree.ProcessingInstruction)]:
        parent = note.getparent()
        elements = (e for e in note.itersiblings(preceding=True) if isinstance(e.tag, str))
        before = _name(next(elements, None))
        after = _name(next((e for e in note.itersiblings() if isinstance(e.tag, str)), None))
        where = "" if parent is None else _path(parent)
        found.append(Note(where, before, after, str(note.text), _on_line(note)))
    return found, children


def _path(el: etree._Element) -> str:
    return "/".join(_name(a) for a in reversed([el, *el.iterancestors()]))


def _adjacent(order: list[str], before: str, after: str) -> bool:
    """Whether ``before`` is just before ``after`` among ``order`` ("": the start or end)."""
    padded = ["", *order, ""]
    return any(padded[i : i + 2] == [before, after] for i in range(len(padded) - 1))


def _documents_with_notes() -> list[tuple[str, bytes]]:
    found = []
    for family in ("domain", "domainsnapshot", "network", "storagepool", "storagevol"):
        for param in corpus_files(family):
            entry = param.values[0]
            if entry is None:
                pytest.skip("corpus missing")
            data = entry.file.read_bytes()
            maybe = b"<!--" in data or b"<?" in data.lstrip()[5:]  # a quick look first
            if maybe and is_well_formed(data) and _notes(data)[0]:
                found.append((entry.path, data))
    return found


def _misplaced(source: bytes | str, written: str) -> tuple[list[str], list[str]]:
    """The notes of ``written`` not where the rule puts them, and those beside one sibling only.

    The rule: a note stays between the same two elements whenever libvirt's
    order keeps them adjacent; otherwise it stays beside the one it belongs
    to: after the element before it when on that element's line or last in
    its parent, else before the element after it. One on the line of the
    element before it stays on that line.
    """
    notes, _ = _notes(source)
    written_notes, order = _notes(written)
    by_text: dict[tuple[str, str], list[Note]] = {}
    for note in written_notes:
        by_text.setdefault((note.parent, note.text), []).append(note)
    bad, apart = [], []
    for note in notes:
        found = by_text.get((note.parent, note.text), [])
        if not found:
            bad.append(f"{note.parent}: {note.text!r} is gone")
            continue
        out = found.pop(0)
        what = (
            f"{note.parent or '/'}: {note.text.strip()[:40]!r}"
            f" between {note.before or '-'} and {note.after or '-'},"
            f" written between {out.before or '-'} and {out.after or '-'}"
        )
        if _adjacent(order.get(note.parent, []), note.before, note.after):
            ok = (out.before, out.after) == (note.before, note.after)
        else:
            apart.append(what)
            after_its_element = note.on_line or (note.after == "" and note.before != "")
            ok = out.before == note.before if after_its_element else out.after == note.after
        if not ok or out.on_line != (note.on_line and out.before == note.before):
            bad.append(what + (" (its line)" if note.on_line else ""))
    return bad, apart


def test_libvirt_layout_keeps_every_comment_beside_its_siblings() -> None:
    """Each comment stays between the same two elements whenever libvirt's order keeps
    them adjacent, and beside the one it belongs to when libvirt's order moves them apart."""
    from domxml.convert.files import format_libvirt

    documents = _documents_with_notes()
    kept = {"style='libvirt'": 0, "domxml fmt": 0}
    notes = same = 0
    apart: list[str] = []
    bad: list[str] = []
    for path, data in documents:
        dom = domxml.parse(data)
        for name, written in (
            ("style='libvirt'", domxml.to_xml(dom, style="libvirt")),
            ("domxml fmt", format_libvirt(dom)),
        ):
            wrong, moved = _misplaced(data, written)
            bad.extend(f"{path} ({name}): {line}" for line in wrong)
            if name == "domxml fmt":
                notes += len(_notes(data)[0])
                same += len(_notes(data)[0]) - len(moved)
                apart.extend(f"{path}: {line}" for line in moved)
            if not moved and not wrong:
                kept[name] += 1
    print(
        f"\n{len(documents)} documents with {notes} comments or PIs; documents with every one"
        f" between the same siblings: {kept}; comments between the same siblings: {same},"
        f" beside the element they belong to, libvirt's order moving the other away:"
        f" {len(apart)}"
    )
    for line in apart:
        print("  " + line)
    assert documents
    assert bad == []


HAND_COMMENTED = """<domain type='kvm'>
  <devices>
    <interface type='network'>
      <source network='default'/>
    </interface> <!-- the LAN -->
    <!-- boot disk -->
    <disk type='file' device='disk'>
      <source file='/vm.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <memballoon model='none'/>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <!-- the emulator: last in this file -->
  </devices>
  <name>vm</name> <!-- as in virsh list -->
  <memory>1048576</memory>
</domain>
"""


def test_libvirt_layout_puts_each_comment_beside_the_element_it_belongs_to() -> None:
    dom = domxml.parse(HAND_COMMENTED)
    written = domxml.to_xml(dom, style="libvirt")
    assert written == (
        "<domain type='kvm'>\n"
        "  <name>vm</name> <!-- as in virsh list -->\n"
        "  <memory>1048576</memory>\n"
        "  <devices>\n"
        "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
        "    <!-- the emulator: last in this file -->\n"
        "    <!-- boot disk -->\n"
        "    <disk type='file' device='disk'>\n"
        "      <source file='/vm.qcow2'/>\n"
        "      <target dev='vda' bus='virtio'/>\n"
        "    </disk>\n"
        "    <interface type='network'>\n"
        "      <source network='default'/>\n"
        "    </interface> <!-- the LAN -->\n"
        "    <memballoon model='none'/>\n"
        "  </devices>\n"
        "</domain>\n"
    )
    assert _misplaced(HAND_COMMENTED, written)[0] == []
    # The same after a trip through pickle (the source text travels with it).
    assert domxml.to_xml(pickle.loads(pickle.dumps(dom)), style="libvirt") == written


def test_a_comment_whose_element_is_removed_goes_beside_its_other_neighbour() -> None:
    dom = domxml.parse(HAND_COMMENTED)
    dom.devices.disks.clear()  # "boot disk" introduced it
    dom.devices.interfaces.clear()  # "the LAN" was on its line
    written = domxml.to_xml(dom, style="libvirt")
    assert "<emulator>/usr/bin/qemu-system-x86_64</emulator>\n" in written
    assert (
        "    <!-- the emulator: last in this file -->\n"
        "    <!-- the LAN -->\n"
        "    <!-- boot disk -->\n"
        "    <memballoon model='none'/>\n"
    ) in written


# ------------------------------------------- an element rewritten with no change


def _models(obj: Any) -> Iterator[Any]:
    yield obj
    for f in spec_of(type(obj)).elem_list:
        value = obj.__dict__.get(f.py) if f.model is not None else None
        for item in value if isinstance(value, list) else [] if value is None else [value]:
            yield from _models(item)


def test_every_element_rewritten_unchanged_gives_the_source_back() -> None:
    """The writer of changed elements keeps what did not change: each element marked
    changed (nothing changed) is written back byte for byte but for libvirt's escaping."""
    documents = same = 0
    bad: list[str] = []
    for family in ("domain", "domainsnapshot", "network", "storagepool", "storagevol"):
        for param in corpus_files(family):
            entry = param.values[0]
            if entry is None:
                pytest.skip("corpus missing")
            data = entry.file.read_bytes()
            if not is_well_formed(data):
                continue
            dom = domxml.parse(data)
            for model in _models(dom):
                node = node_of(model)
                if node is not None:
                    node.dirty = True
            written = domxml.to_xml(dom)
            documents += 1
            if written.encode("utf-8") == data:
                same += 1
            elif canonical(written) != canonical(data):
                bad.append(entry.path)
    print(f"\n{same} of {documents} documents byte-identical with every element rewritten")
    assert bad == []
    assert same >= 0.995 * documents
