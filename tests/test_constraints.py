"""The constraints tool: the declarations against libvirt's schemas.

``python -m domxml.tools.constraints`` walks the five schemas beside the
models and prints each declaration that allows what the schema refuses.
The declarations follow the newest schemas the models cover, libvirt
12.9.0's: over them it prints nothing. Over 11.3.0's it prints only what
11.3.0 lacks (a 12.9.0 value, element or attribute, as
:func:`domxml.tools.since.unavailable` lists them), which a program
writing for 11.3.0 (the conformance fuzzer's run against it) leaves out.
Before 12.9.0, over 11.3.0's schemas it printed nothing: every line it printed
before it knew the whole declaration vocabulary was a misreading (a
variant's discriminator, an ``allowed()`` subset, another variant's
branches read as this one's, ``untyped=``...), and the walk and the
checks below show it still reads the models and would see a loose one.
A new line is a declaration to tighten, or a misreading to fix in the
tool: the bound is zero.

Then a small schema and models written here, tight as declared; each
case loosens one declaration and expects its line in the report.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corpus import require_data, require_schema_dir

from domxml.binding import (
    INT,
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    leaves,
    text,
    variant,
)
from domxml.binding.codecs import codec_for
from domxml.binding.spec import spec_of
from domxml.tools.constraints import ROOTS, field_rules, loose_declarations, main
from domxml.tools.since import Unavailable, unavailable
from domxml.validation.rng import load_grammar

#: How many lines the report on libvirt 12.9.0's schemas may have (see above).
MAX_LOOSE = 0

#: The version whose schemas the declarations follow.
NEWEST = "12.9.0"
#: An older version the models cover; its report lists what it lacks only.
OLDER = "11.3.0"

#: The fewest typed fields the walk must reach in each schema: far fewer
#: would mean it stopped reading the models (and reported nothing for that).
MIN_RULES = {
    "domain.rng": 2500,
    "network.rng": 120,
    "storagepool.rng": 200,
    "storagevol.rng": 50,
    "domainsnapshot.rng": 2500,
}


@pytest.fixture(scope="module")
def schemas() -> Path:
    """libvirt 12.9.0's schema directory; skips (fails under CI) without the data."""
    require_data()
    return require_schema_dir(NEWEST)


def _report(schemas: Path) -> dict[str, list[tuple[str, str, str]]]:
    return {
        name: list(loose_declarations(load_grammar(schemas / name), root))
        for name, root in ROOTS.items()
    }


@pytest.fixture(scope="module")
def report(schemas: Path) -> dict[str, list[tuple[str, str, str]]]:
    """The report's lines over libvirt 12.9.0's schemas, by schema file."""
    return _report(schemas)


def test_the_report_on_libvirts_schemas_stays_within_its_bound(
    report: dict[str, list[tuple[str, str, str]]],
) -> None:
    lines = [f"{name}: {' '.join(line)}" for name, found in report.items() for line in found]
    assert len(lines) <= MAX_LOOSE, "loose declarations:\n" + "\n".join(lines)


_MEMBERS = re.compile(r"(?:(\w+) )?members not allowed here: \[(.*)\]$")


def _words(lacks: Unavailable, cls: type[Any], name: str) -> set[str]:
    """The written forms of the values of ``cls``'s field ``name`` the version lacks."""
    spec = {f.py: f for f in (*spec_of(cls).attr_list, *spec_of(cls).elem_list)}.get(name)
    return {
        spec.codec.encode(value)
        for c, n, value in lacks.values
        if c is cls and n == name and spec is not None
    }


def _explained(line: tuple[str, str, str], lacks: Unavailable) -> bool:
    """Whether a report line is about a field or values the version lacks."""
    where, _, message = line
    classes = {f"{c.__module__}.{c.__name__}": c for c, _ in lacks.fields}
    classes |= {f"{c.__module__}.{c.__name__}": c for c, _, _ in lacks.values}
    owner, _, own_field = where.rpartition(".")
    cls = classes.get(where) or classes.get(owner)
    if cls is None:
        return False
    if classes.get(where) is not None:
        own_field = ""
    if message.startswith("without "):
        names = re.findall(r"'(\w+)'", message)
        return all((cls, name) in lacks.fields for name in names)
    if message.endswith("; needed"):
        # Needed here because the other of its choice is what the version lacks.
        return any(c is cls for c, _ in lacks.fields)
    members = _MEMBERS.search(message)
    if members is None:
        return False
    name = members.group(1) or own_field
    words = set(re.findall(r"'([^']*)'", members.group(2)))
    return bool(words) and words <= _words(lacks, cls, name)


def test_the_report_on_an_older_version_lists_only_what_it_lacks() -> None:
    """Over 11.3.0's schemas: each line is a 12.9.0 field or value (left out for 11.3.0)."""
    require_data()
    older = _report(require_schema_dir(OLDER))
    lacks = unavailable(OLDER)
    lines = [line for found in older.values() for line in found]
    unexplained = [" ".join(line) for line in lines if not _explained(line, lacks)]
    assert lines, "the 12.9.0 additions should show over 11.3.0's schemas"
    assert unexplained == [], "loose for 11.3.0, and not a 12.9.0 addition:\n" + "\n".join(
        unexplained
    )


@pytest.mark.parametrize("name", list(ROOTS))
def test_the_walk_reaches_the_models(schemas: Path, name: str) -> None:
    rules = field_rules(load_grammar(schemas / name), ROOTS[name])
    assert len(rules) >= MIN_RULES[name], f"{name}: only {len(rules)} typed fields reached"


def test_variants_discriminators_are_read_and_never_reported(
    schemas: Path, report: dict[str, list[tuple[str, str, str]]]
) -> None:
    rules = field_rules(load_grammar(schemas / "domain.rng"), ROOTS["domain.rng"])
    discriminators = {
        f"{cls.__module__}.{cls.__name__}.{name}"
        for (cls, name), rule in rules.items()
        if cls.__domxml__.variant is not None and rule.spec.local == cls.__domxml__.discriminator
    }
    # Disks, interfaces, graphics, addresses...: some hundred variants.
    assert len(discriminators) >= 100
    reported = {line[0] for found in report.values() for line in found}
    assert not discriminators & reported


def test_the_command_line_prints_the_count(
    schemas: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--data", str(schemas.parent), "--schema", "network.rng"])
    out, err = capsys.readouterr()
    assert (status, out, err) == (0, "", "0 loose declarations\n")


# --- a small schema, and models of it -----------------------------------------

RNG = (
    'xmlns="http://relaxng.org/ns/structure/1.0" '
    'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"'
)

SHELF_RNG = f"""<grammar {RNG}>
  <start><ref name="shelf"/></start>
  <define name="shelf">
    <element name="shelf">
      <attribute name="id"><data type="unsignedByte"/></attribute>
      <optional>
        <attribute name="color"><choice><value>red</value><value>blue</value></choice></attribute>
      </optional>
      <choice>
        <group>
          <element name="kind"><value>wall</value></element>
          <optional><attribute name="finish"><value>matte</value></attribute></optional>
        </group>
        <group>
          <element name="kind"><value>floor</value></element>
          <optional>
            <attribute name="finish">
              <choice><value>matte</value><value>gloss</value></choice>
            </attribute>
          </optional>
          <optional><attribute name="height"><data type="unsignedByte"/></attribute></optional>
        </group>
      </choice>
      <zeroOrMore>
        <element name="item">
          <choice>
            <group>
              <attribute name="type"><value>book</value></attribute>
              <attribute name="isbn"><text/></attribute>
            </group>
            <group>
              <attribute name="type"><value>disc</value></attribute>
              <optional>
                <attribute name="speed">
                  <choice><value>slow</value><value>fast</value></choice>
                </attribute>
              </optional>
            </group>
          </choice>
        </element>
      </zeroOrMore>
      <optional>
        <element name="lock">
          <choice>
            <attribute name="key"><text/></attribute>
            <attribute name="code"><text/></attribute>
          </choice>
          <optional>
            <attribute name="user"><text/></attribute>
            <attribute name="group"><text/></attribute>
          </optional>
        </element>
      </optional>
      <optional>
        <element name="label"><text/></element>
        <element name="label"><text/></element>
      </optional>
    </element>
  </define>
</grammar>
"""


class Color(enum.Enum):
    """A shelf's colour: the schema has two of these three."""

    RED = "red"
    BLUE = "blue"
    GREEN = "green"


class Placement(enum.Enum):
    """Where a shelf stands (the text of ``<kind>``)."""

    WALL = "wall"
    FLOOR = "floor"


class Finish(enum.Enum):
    """A shelf's finish: a wall shelf's is matte."""

    MATTE = "matte"
    GLOSS = "gloss"


class ItemType(enum.Enum):
    """What an item is (its discriminator)."""

    BOOK = "book"
    DISC = "disc"


class Speed(enum.Enum):
    """A disc's speed."""

    SLOW = "slow"
    FAST = "fast"


@element("kind")
class ShelfKind(Model):
    """``<kind>``: where the shelf stands."""

    value: Placement | None = text()


@element("item", discriminator="type")
class Item(Model):
    """``<item>``: the subclass follows ``type``."""

    type: ItemType | None = attr()
    isbn: str | None = attr(default=None)
    speed: Speed | None = attr(default=None)


@variant("book", without=("speed",))
class Book(Item):
    """``<item type='book'>``."""

    type: ItemType | None = attr(default=ItemType.BOOK)
    isbn: str | None = attr()


@variant("disc", without=("isbn",))
class Disc(Item):
    """``<item type='disc'>``."""

    type: ItemType | None = attr(default=ItemType.DISC)


@element(
    "lock",
    exclusive=(("key", "code"),),
    one_needed=(("key", "code"),),
    together=(("user", "group"),),
)
class Lock(Model):
    """``<lock>``: a key or a code; a user comes with a group."""

    key: str | None = attr(default=None)
    code: str | None = attr(default=None)
    user: str | None = attr(default=None)
    group: str | None = attr(default=None)


@element(
    "shelf",
    depends=(
        depends_on(
            "kind.value",
            allows={Placement.FLOOR: ("height",)},
            values={Placement.WALL: {"finish": (Finish.MATTE,)}},
        ),
    ),
)
class Shelf(Model):
    """``<shelf>``: as tight as the schema."""

    id: int | None = attr(codec=INT.within(0, 255))
    color: Color | None = attr(default=None, codec=allowed(Color.RED, Color.BLUE))
    finish: Finish | None = attr(default=None)
    height: int | None = attr(default=None, codec=INT.within(0, 255))
    kind: ShelfKind | None = child()
    items: list[Item] = children(default_factory=list)
    lock: Lock | None = child(default=None)
    labels: list[str] = leaves("label", default_factory=list, min_items=2, max_items=2)


def _shelf_report(tmp_path: Path) -> list[str]:
    """The report on the small schema, each line as ``Class.field why`` or ``Class why``."""
    path = tmp_path / "shelf.rng"
    path.write_text(SHELF_RNG, encoding="utf-8")
    lines = []
    for name, where, why in loose_declarations(load_grammar(path), Shelf):
        short = ".".join(name.split(".")[-2:] if where else name.split(".")[-1:])
        lines.append(f"{short} {why}")
    return lines


def test_the_tight_models_are_not_reported(tmp_path: Path) -> None:
    assert _shelf_report(tmp_path) == []


def _decl(cls: type[Model], **changes: object) -> Callable[[pytest.MonkeyPatch], None]:
    def change(monkeypatch: pytest.MonkeyPatch) -> None:
        for name, value in changes.items():
            monkeypatch.setattr(cls.__domxml__, name, value)

    return change


def _field(cls: type[Model], name: str, **changes: object) -> Callable[[pytest.MonkeyPatch], None]:
    def change(monkeypatch: pytest.MonkeyPatch) -> None:
        for attribute, value in changes.items():
            monkeypatch.setattr(spec_of(cls).by_py[name], attribute, value)

    return change


LOOSENED = [
    # what is loosened, how, and the line it gives
    (
        "a subset wider than the schema's",
        _field(Shelf, "color", codec=codec_for(Color)),
        "Shelf.color members not allowed here: ['green']",
    ),
    (
        "a range wider than the schema's",
        _field(Shelf, "id", codec=INT.within(0, 1000)),
        "Shelf.id range (0, 255) (declared (0, 1000))",
    ),
    (
        "a field the schema needs, optional",
        _field(Shelf, "id", required=False),
        "Shelf.id ; needed",
    ),
    (
        "a variant's field of another variant",
        _decl(Disc, without=()),
        "Disc without ['isbn']",
    ),
    (
        "a choice's fields, not exclusive",
        _decl(Lock, exclusive=()),
        "Lock exclusive ('key', 'code')",
    ),
    (
        "a choice's fields, none needed",
        _decl(Lock, one_needed=()),
        "Lock one_needed ('key', 'code')",
    ),
    (
        "fields that come together, apart",
        _decl(Lock, together=()),
        "Lock requires ('group', 'user')",
    ),
    (
        "a repeated field's fewest items",
        _field(Shelf, "labels", min_items=None),
        "Shelf.labels at least 2 items where any (declared 1)",
    ),
    (
        "a repeated field's most items",
        _field(Shelf, "labels", max_items=None),
        "Shelf.labels at most 2 items (declared None)",
    ),
    (
        "a field allowed for one value of a dotted path, for another",
        _decl(
            Shelf,
            depends=(depends_on("kind.value", allows={Placement.WALL: ("height",)}),),
        ),
        "Shelf depends on kind.value: ['height']",
    ),
    (
        "the values a dotted path's value leaves a field, none",
        _decl(Shelf, depends=(depends_on("kind.value", allows={Placement.FLOOR: ("height",)}),)),
        "Shelf depends on kind.value=wall: finish members not allowed here: ['gloss']",
    ),
    (
        "the values a dotted path's value leaves a field, wrong",
        _decl(
            Shelf,
            depends=(
                depends_on(
                    "kind.value",
                    allows={Placement.FLOOR: ("height",)},
                    values={Placement.WALL: {"finish": (Finish.GLOSS,)}},
                ),
            ),
        ),
        "Shelf depends on kind.value=wall: finish members not allowed here: ['gloss']",
    ),
]


@pytest.mark.parametrize(
    ("loosen", "line"), [case[1:] for case in LOOSENED], ids=[case[0] for case in LOOSENED]
)
def test_a_loosened_declaration_is_reported(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    loosen: Callable[[pytest.MonkeyPatch], None],
    line: str,
) -> None:
    loosen(monkeypatch)
    assert line in _shelf_report(tmp_path)


def test_a_field_needed_through_a_group_of_its_own_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field a newer libvirt requires and an older one lacks: a default, a group of one."""
    _field(Shelf, "id", required=False)(monkeypatch)
    assert "Shelf.id ; needed" in _shelf_report(tmp_path)
    _decl(Shelf, one_needed=(("id",),))(monkeypatch)
    assert _shelf_report(tmp_path) == []
