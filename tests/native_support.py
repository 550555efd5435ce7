"""libvirt's native-format converter tests as data: the cases, their settings, the scoring.

libvirt's test programs (``vmx2xmltest.c``, ``xml2vmxtest.c``,
``xlconfigtest.c``, ``xmconfigtest.c``, ``lxcconf2xmltest.c``, beside the
data in ``native/``) say which files are cases, which must fail and with
what settings (the datastore mapping, the virtual hardware version); this
module reads them from there, so that a case libvirt adds is a case here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus import canonical, data_dir, in_ci, require_data, show_diff

import domxml
from domxml.models.domain import Domain
from domxml.native.conf import parse_config

__all__ = [
    "Tally",
    "compare_keys",
    "compare_xml",
    "native_dir",
    "vmx_format_file_name",
    "vmx_parse_file_name",
]

#: libvirt's tests replace this in their Xen XML with the firmware directory of the build.
XEN_FIRMWARE_VAR = "/LIBXL_FIRMWARE_DIR"
XEN_FIRMWARE_DIR = "/usr/lib/xen/boot"
#: The UUID libvirt's LXC test puts in place of the random one.
LXC_TEST_UUID = "c7a5fdbd-edaf-9455-926a-d65c16db1809"


def native_dir() -> Path:
    """``native/`` beside the corpus; skip the test (fail it under CI) when it is missing."""
    require_data()
    native = data_dir() / "native"
    if not (native / "vmx2xmltest.c").is_file():
        reason = f"libvirt's native converter tests not found in {native}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return native


def _source(name: str) -> str:
    return (native_dir() / name).read_text(encoding="utf-8")


# -- the cases ---------------------------------------------------------------


def vmx_read_cases() -> list[tuple[str, bool]]:
    """``vmx2xmltest.c``: (name, must fail), in its order."""
    found = re.findall(r'^\s*DO_TEST(_FAIL)?\("([^"]+)"\)', _source("vmx2xmltest.c"), re.M)
    return [(name, bool(fail)) for fail, name in found]


def vmx_write_cases() -> list[tuple[str, str, int]]:
    """``xml2vmxtest.c``: (input, expected output, virtual hardware version)."""
    found = re.findall(
        r'^\s*DO_TEST\("([^"]+)", "([^"]+)", (\d+)\)', _source("xml2vmxtest.c"), re.M
    )
    return [(source, out, int(version)) for source, out, version in found]


def xen_cases(fmt: str) -> tuple[list[str], list[str]]:
    """``xlconfigtest.c``/``xmconfigtest.c``: the names read (native → XML) and written.

    libvirt's ``DO_TEST_FORMAT`` is native → XML, ``DO_TEST_PARSE`` XML → native,
    ``DO_TEST`` (and ``DO_TEST_REPLACE_VARS``) both.
    """
    found = re.findall(
        r'^\s*DO_TEST(|_PARSE|_FORMAT|_REPLACE_VARS)\("([^"]+)"',
        _source(f"{fmt}configtest.c"),
        re.M,
    )
    to_xml = [name for kind, name in found if kind != "_PARSE"]
    to_native = [name for kind, name in found if kind != "_FORMAT"]
    return to_xml, to_native


def lxc_cases() -> list[tuple[str, str, bool]]:
    """``lxcconf2xmltest.c``: (config file, expected XML file, must fail)."""
    found = re.findall(
        r'^\s*DO_TEST(3?)\("([^"]+)", (true|false)\)', _source("lxcconf2xmltest.c"), re.M
    )
    return [
        (
            f"lxcconf2xml-{name}{'-v3' if v3 else ''}.config",
            f"lxcconf2xml-{name}.xml",
            err == "true",
        )
        for v3, name, err in found
    ]


# -- libvirt's test settings -------------------------------------------------


def vmx_parse_file_name(name: str, allow_missing: bool) -> str | None:
    """``vmx2xmltest.c``'s ``testParseVMXFileName``: its made-up ESX datastores.

    A datastore (or file) named ``missing`` does not exist: a CD-ROM image
    may be missing (no source), anything else may not.
    """
    if name.startswith("/vmfs/volumes/"):
        store, _, path = name[len("/vmfs/volumes/") :].partition("/")
        if not store or not path:
            raise ValueError(f"not a datastore path: {name!r}")
        if store == "missing" or path.startswith("missing"):
            if allow_missing:
                return None
            raise ValueError(f"referenced missing file {name!r}")
        return f"[{store}] {path}"
    if name.startswith("/"):
        return name
    if "/" in name:
        raise ValueError(f"a relative path is not supported: {name!r}")
    return f"[datastore] directory/{name}"


def vmx_format_file_name(source: str) -> str:
    """``xml2vmxtest.c``'s ``testFormatVMXFileName``: ``[ds] path`` is ``/vmfs/volumes/ds/path``."""
    if source.startswith("["):
        found = re.fullmatch(r"\[([^\]]+)\](.*)", source, re.DOTALL)
        if found is None:
            raise ValueError(f"not a datastore path: {source!r}")
        return f"/vmfs/volumes/{found.group(1)}/{found.group(2).lstrip(' ')}"
    if source.startswith("/"):
        return source
    raise ValueError(f"a relative path is not supported: {source!r}")


# -- scoring -----------------------------------------------------------------


def compare_xml(expected: str, domain: Domain, label: str) -> str | None:
    """``None`` when *domain* written in libvirt's layout has *expected*'s canonical form,
    else the reason: the diff of the canonical forms."""
    actual = domxml.to_xml(domain, style="libvirt")
    want, got = canonical(expected), canonical(actual)
    if want == got:
        return None
    return show_diff(
        want, got, fromfile=f"{label} (libvirt)", tofile=f"{label} (domxml)", one_tag_per_line=True
    )


def _statements(text: str, dialect: str) -> dict[str, str]:
    conf = parse_config(text, "vmx" if dialect == "vmx" else "xen")
    pairs: dict[str, str] = {}
    for entry in conf.entries:
        # .vmx keys are read without regard to case: compare them so
        key = entry.name.lower() if dialect == "vmx" else entry.name
        pairs.setdefault(key, repr(entry.value))
    return pairs


def compare_keys(expected: str, actual: str, dialect: str) -> str | None:
    """``None`` when both files set the same keys to the same values (in any order),
    else which keys are missing, extra or different."""
    want, got = _statements(expected, dialect), _statements(actual, dialect)
    if want == got:
        return None
    lines = []
    for key in sorted(want.keys() | got.keys()):
        if key not in got:
            lines.append(f"  missing {key} = {want[key]}")
        elif key not in want:
            lines.append(f"  extra   {key} = {got[key]}")
        elif want[key] != got[key]:
            lines.append(f"  differs {key}: libvirt {want[key]}, domxml {got[key]}")
    return "\n".join(lines)


@dataclass
class Tally:
    """Passes and mismatches of one direction; prints them and checks the threshold."""

    direction: str
    what: str = "equal libvirt's output"
    passed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def record(self, name: str, reason: str | None) -> None:
        if reason is None:
            self.passed.append(name)
        else:
            self.failed.append((name, reason))

    @property
    def total(self) -> int:
        return len(self.passed) + len(self.failed)

    def report(self) -> str:
        head = f"{self.direction}: {len(self.passed)}/{self.total} {self.what}"
        if self.total:
            head += f" ({100 * len(self.passed) / self.total:.1f}%)"
        body = "".join(f"\n  MISMATCH {name}:\n{reason}" for name, reason in self.failed)
        return head + body

    def check(self, threshold: float = 0.95) -> None:
        """Print the counts and mismatches; fail below *threshold* (or with no case at all)."""
        print(self.report())
        assert self.total > 0, f"{self.direction}: no case found"
        assert len(self.passed) >= threshold * self.total, self.report()


# -- native → XML → native ----------------------------------------------------


def _render(value: object) -> str:
    from domxml.native.xen.write import _value

    return _value(value)  # type: ignore[arg-type]


def _edit(text: str, line: int, replacement: str | None) -> str:
    lines = text.split("\n")
    if replacement is None:
        lines[line - 1] = ""
    else:
        lines[line - 1] = replacement
    return "\n".join(lines)


def round_trip_losses(text: str, dialect: str, read: object, write: object) -> list[str]:
    """What native → XML → native loses of what the converter maps, in words.

    The file is read (*read*: text → domain and warnings), written as XML,
    parsed back and written as native again (*write*: domain → text), and
    that is read once more. Every key the converter maps is kept when both
    readings give the same domain. When they do not, the reasons are the
    keys that map (taking one out of the file changes the domain read) and
    did not come back with a value that means the same (putting the new
    value in the original file gives another domain), and the XML diff.
    """
    from domxml.native.conf import parse_config as parse

    def xml_of(source: str) -> bytes | None:
        try:
            domain, _ = read(source)  # type: ignore[operator]
        except domxml.DomxmlError:
            return None
        return canonical(domxml.to_xml(domain, style="libvirt"))

    domain, _ = read(text)  # type: ignore[operator]
    written, _ = write(domxml.parse(domxml.to_xml(domain, style="libvirt")))  # type: ignore[operator]
    original = xml_of(text)
    again = xml_of(written)
    if again == original:
        return []
    fold = dialect == "vmx"
    conf_dialect = "vmx" if fold else "xen"
    out: dict[str, object] = {}
    for entry in parse(written, conf_dialect).entries:
        out.setdefault(entry.name.lower() if fold else entry.name, entry.value)
    losses = []
    seen: set[str] = set()
    for entry in parse(text, conf_dialect).entries:
        key = entry.name.lower() if fold else entry.name
        if key in seen:
            continue
        seen.add(key)
        if xml_of(_edit(text, entry.line, None)) == original:
            continue  # the key maps to nothing here
        value = out.get(key)
        if key not in out:
            losses.append(f"{entry.name} = {entry.value!r} is gone")
        elif value != entry.value and not (fold and str(value).lower() == str(entry.value).lower()):
            replaced = _edit(text, entry.line, f"{entry.name} = {_render(value)}")
            if xml_of(replaced) != original:
                losses.append(f"{entry.name}: {entry.value!r} came back as {value!r}")
    if again is None:
        losses.append("the written file cannot be read back")
    else:
        assert original is not None
        losses.append(
            show_diff(
                original,
                again,
                fromfile="read",
                tofile="written and read again",
                one_tag_per_line=True,
            )
        )
    return losses


#: What the round-trip tallies count.
ROUND_TRIP = "read back as the same domain"


def xen_tallies(fmt: str, module: object) -> tuple[Tally, Tally, Tally]:
    """Run libvirt's ``xlconfigtest``/``xmconfigtest`` cases: native → XML, XML → native,
    and native → XML → native."""
    folder = native_dir() / f"{fmt}configdata"
    to_xml, to_native = xen_cases(fmt)
    reading = Tally(f"{fmt} → XML")
    writing = Tally(f"XML → {fmt}")
    round_trip = Tally(f"{fmt} → XML → {fmt}", ROUND_TRIP)
    for name in to_xml:
        text = (folder / f"test-{name}.cfg").read_text(encoding="utf-8")
        expected = (folder / f"test-{name}.xml").read_text(encoding="utf-8")
        expected = expected.replace(XEN_FIRMWARE_VAR, XEN_FIRMWARE_DIR)
        try:
            domain, _ = module.read(text, filename=f"test-{name}.cfg")  # type: ignore[attr-defined]
        except domxml.DomxmlError as error:
            reading.record(name, f"    refused: {error}")
            continue
        reading.record(name, compare_xml(expected, domain, name))
        losses = round_trip_losses(text, "xen", module.read, module.write)  # type: ignore[attr-defined]
        round_trip.record(name, "\n".join(f"    {loss}" for loss in losses) if losses else None)
    for name in to_native:
        source = (folder / f"test-{name}.xml").read_text(encoding="utf-8")
        expected = (folder / f"test-{name}.cfg").read_text(encoding="utf-8")
        domain = domxml.parse(source.replace(XEN_FIRMWARE_VAR, XEN_FIRMWARE_DIR))
        try:
            text, _ = module.write(domain)  # type: ignore[attr-defined]
        except domxml.DomxmlError as error:
            writing.record(name, f"    refused: {error}")
            continue
        writing.record(name, compare_keys(expected, text, "xen"))
    return reading, writing, round_trip
