"""Validation: libxml2 decides, once per document; the explainer says why.

Each schema is compiled once per :class:`Validator` (and validators are
cached per schema set), so validating many documents costs one parse and one
libxml2 validation each. Only documents libxml2 rejects are walked by the
explainer (:mod:`domxml.validation.explain`) to find the node at fault.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from domxml.errors import ParseError, SchemaError
from domxml.safe_xml import MAX_DOCUMENT_BYTES, load_source, parse_tree
from domxml.validation.kinds import DEVICE, KINDS, Kind, kind_named, kind_of
from domxml.validation.result import ERROR, INVALID, VALID, Issue, Report
from domxml.validation.schemas import SchemaSet, Selection, find_selection

if TYPE_CHECKING:
    from domxml.semantic import Settings
    from domxml.validation.explain import Problem
    from domxml.validation.lint import Check
    from domxml.validation.locate import Locator
    from domxml.validation.rng import Grammar

__all__ = ["Source", "Validator", "selection_for", "validate", "validate_sources", "validator_for"]


class Validator:
    """Validates documents against one schema set, each schema compiled once."""

    def __init__(
        self,
        schema_set: SchemaSet,
        kind: Kind | None = None,
        strict: bool = False,
        settings: Settings | None = None,
    ) -> None:
        self.schema_set = schema_set
        self.kind = kind
        """The kind every document is validated as; ``None``: told by the root."""
        self.strict = strict
        """Whether lint warnings are errors."""
        self.settings = settings
        """Which semantic and lint rules run, with the host's domain capabilities."""
        self._schema_only = settings is not None and settings.schema_only
        self._compiled: dict[str, etree.RelaxNG] = {}
        self._lints: dict[str, tuple[Check, ...]] = {}
        self._grammars: dict[str, Grammar] = {}
        self._label = schema_set.label

    def compiled(self, kind: Kind) -> etree.RelaxNG:
        """The compiled schema for ``kind``; :class:`SchemaError` if the set lacks it."""
        found = self._compiled.get(kind.name)
        if found is None:
            path = self.schema_set.schema(kind)
            text = None if path.is_file() else self._device_grammar(kind)
            if not path.is_file() and text is None:
                raise SchemaError(
                    f"the libvirt {self.schema_set.label} schemas in {self.schema_set.path}"
                    f" have no {kind.schema} (for {kind.describe()} documents)"
                )
            try:
                if text is None:
                    # From the file path, so that <include href> resolves beside it.
                    found = etree.RelaxNG(file=str(path))
                else:
                    root = etree.fromstring(text, base_url=str(path))
                    found = etree.RelaxNG(root)
            except (etree.RelaxNGParseError, etree.XMLSyntaxError, OSError) as e:
                raise SchemaError(f"cannot compile {path}: {e}") from None
            self._compiled[kind.name] = found
        return found

    def _device_grammar(self, kind: Kind) -> str | None:
        """A libvirt set's grammar of single devices, made from its domain schema."""
        if kind != DEVICE:
            return None
        from domxml.validation.devices import device_grammar

        return device_grammar(self.schema_set.path)

    def check(self, data: bytes, filename: str | None = None) -> Report:
        """Validate one document given as bytes."""
        outcome = self._outcome(data, filename)
        if isinstance(outcome, _Deferred):
            outcome = self._finish(outcome)
        if isinstance(outcome, Report):
            return outcome
        return Report(filename, outcome, self._label, VALID)

    def _outcome(self, data: bytes, filename: str | None) -> Report | str | _Deferred:
        """The report on a document; only its kind when it is valid with nothing to say.

        A schema-valid domain comes back :class:`_Deferred`: its semantic
        rules run in :meth:`_finish`, after the libxml2 work of its batch.

        The common case, a valid document with nothing to lint, costs a
        parse, a libxml2 validation and a few lookups: with thousands of
        files, any more Python per file shows against libxml2's speed (and
        :func:`validate_sources` makes the reports a batch at a time).
        """
        try:
            root = parse_tree(data, filename)
        except ParseError as e:
            issue = Issue(e.line, e.column, "/", e.message, _PARSE_HINT, "not-well-formed")
            return Report(filename, None, self._label, INVALID, (issue,))
        kind = self.kind or kind_of(root)
        if kind is None:
            return Report(filename, None, self._label, INVALID, (_unknown_root(root),))
        schema = self._compiled.get(kind.name)
        if schema is None:
            try:
                schema = self.compiled(kind)
            except SchemaError as e:
                issue = Issue(
                    None, None, "/", e.message, "import a complete set", "schema-unavailable"
                )
                return Report(filename, kind.name, self._label, ERROR, (issue,))
        valid = schema(root)
        if valid and kind.name == "domain" and not self._schema_only:
            return _Deferred(root, data, filename, kind)
        return self._report(kind, root, data, filename, valid, schema)

    def _finish(self, deferred: _Deferred) -> Report | str:
        """The outcome of a schema-valid domain, its lint and semantic rules run."""
        return self._report(deferred.kind, deferred.root, deferred.data, deferred.filename, True)

    def _report(
        self,
        kind: Kind,
        root: etree._Element,
        data: bytes,
        filename: str | None,
        valid: bool,
        schema: etree.RelaxNG | None = None,
    ) -> Report | str:
        lint = self._lint(kind, root, data, valid)
        if valid and not lint:
            return kind.name
        assert valid or schema is not None
        issues = [] if valid or schema is None else self._explain(kind, root, data, schema)
        # A semantic error (libvirt refuses the document) is an error as it
        # is; warnings become errors with --strict.
        refused = [issue for issue in lint if issue.level == "error"]
        if refused:
            issues.extend(refused)
            lint = [issue for issue in lint if issue.level != "error"]
            valid = False
        if self.strict and lint:
            issues.extend(issue._replace(level="error") for issue in lint)
            valid = False
            lint = []
        status = VALID if valid else INVALID
        return Report(filename, kind.name, self._label, status, tuple(issues), tuple(lint))

    def _lint(self, kind: Kind, root: etree._Element, data: bytes, valid: bool) -> list[Issue]:
        """Lint and semantic findings as issues, each of its own level.

        The semantic rules run on schema-valid domains only: they read what
        the schema guarantees.
        """
        if self._schema_only:
            return []
        checks = self._lints.get(kind.name)
        found: list[Any] = []
        try:
            if checks is None:
                from domxml.validation.lint import checks_for

                checks = self._lints[kind.name] = checks_for(kind.name)
            for check in checks:
                found.extend(check(root))
        except Exception:  # a lint check must never stop validation
            found = []
        if valid and kind.name == "domain":
            found.extend(self._semantic(root))
        if found and self.settings is not None and self.settings.disabled:
            found = [f for f in found if f.rule not in self.settings.disabled]
        if not found:
            return []
        from domxml.validation.locate import Locator, decode

        locator = Locator(decode(data), root)
        tree = root.getroottree()
        issues = []
        for finding in found:
            # On a schema-invalid document every finding is a warning: the
            # schema's errors come first, and the rules read what it guarantees.
            level = getattr(finding, "level", "warning") if valid else "warning"
            el = finding.element
            path = tree.getpath(el)
            if finding.attribute is not None:
                line, column = locator.attribute(el, finding.attribute)
                path += "/@" + finding.attribute
            else:
                line, column = locator.element(el)
            issues.append(
                Issue(line, column, path, finding.message, finding.hint, finding.rule, (), level)
            )
        return issues

    def _semantic(self, root: etree._Element) -> list[Any]:
        """The semantic findings in a schema-valid domain (see :mod:`domxml.semantic`)."""
        # The cheap test first: most domains of a run are QEMU's, but a
        # Xen or LXC domain costs no import.
        from domxml.semantic import QEMU_TYPES, check

        if root.get("type") not in QEMU_TYPES:
            return []
        try:
            return check(root, self.settings)
        except Exception:  # a semantic rule must never stop validation
            return []

    def _grammar(self, kind: Kind) -> Grammar:
        # Kept by kind: load_grammar() resolves the schema's path at each call
        # (a system call per directory of it), for each invalid document.
        found = self._grammars.get(kind.name)
        if found is None:
            from domxml.validation.rng import load_grammar

            path = self.schema_set.schema(kind)
            text = None if path.is_file() else self._device_grammar(kind)
            found = self._grammars[kind.name] = load_grammar(path, text)
        return found

    def _explain(
        self, kind: Kind, root: etree._Element, data: bytes, schema: etree.RelaxNG
    ) -> list[Issue]:
        # Imported here: only invalid documents need the schema walk.
        from domxml.validation.explain import explain

        try:
            problems = explain(self._grammar(kind), root)
            failure = ""
        except Exception as e:  # an explanation must never stop validation
            problems, failure = [], f" ({type(e).__name__}: {e})"
        if not problems:
            return [_libxml2_issue(schema, failure)]
        from domxml.validation.locate import Locator, decode

        locator = Locator(decode(data), root)
        tree = root.getroottree()
        return [_issue(problem, locator, tree) for problem in problems]


_PARSE_HINT = "fix the XML syntax first; domxml reads no DTD and expands no entity"


def _unknown_root(root: etree._Element) -> Issue:
    known = ", ".join(k.describe() for k in KINDS)
    name = _display_name(root.tag, root.nsmap)
    return Issue(
        root.sourceline if isinstance(root.sourceline, int) else 1,
        None,
        "/" + name,
        f"<{name}> is not a document libvirt has a schema for",
        f"libvirt's document roots: {known}; or pass --type",
        "unknown-document-type",
    )


def _display_name(qname: str, nsmap: dict[str | None, str]) -> str:
    from domxml.validation.patterns import display_name

    return display_name(qname, nsmap)


def _issue(problem: Problem, locator: Locator, tree: etree._ElementTree) -> Issue:
    el = problem.element
    path = tree.getpath(el)
    if problem.attribute is not None:
        line, column = locator.attribute(el, problem.attribute)
        path += "/@" + _display_name(problem.attribute, el.nsmap)
    elif problem.text:
        line, column = locator.text_of(el)
        path += "/text()"
    else:
        line, column = locator.element(el)
    return Issue(line, column, path, problem.message, problem.hint, problem.rule, problem.allowed)


def _libxml2_issue(schema: etree.RelaxNG, failure: str) -> Issue:
    """libxml2's own report, when the explainer found nothing more precise."""
    entries = [entry for entry in schema.error_log if entry.line > 0] or list(schema.error_log)
    if not entries:
        return Issue(None, None, "/", "the schema rejects the document", "", "schema-violation")
    entry = entries[-1]
    return Issue(
        entry.line or None,
        None,
        entry.path or "/",
        entry.message,
        "libxml2's report; domxml could not find a more precise cause" + failure,
        "schema-violation",
    )


# -- one schema set per process ---------------------------------------------------------

_VALIDATORS: dict[tuple[Path, str | None, bool, object], Validator] = {}
_SELECTIONS: dict[tuple[str | None, tuple[str, ...]], Selection] = {}


def _environment() -> tuple[str, ...]:
    return tuple(
        os.environ.get(name, "\0")
        for name in (
            "DOMXML_SCHEMA_PATH",
            "XDG_CACHE_HOME",
            "DOMXML_SYSTEM_SCHEMAS",
            "DOMXML_HOST_LIBVIRT",
            "HOME",
        )
    )


def selection_for(libvirt: str | None = None) -> Selection:
    """The schema set for ``libvirt`` (see :func:`schemas.select`), looked up once."""
    key = (libvirt, _environment())
    found = _SELECTIONS.get(key)
    if found is None:
        found = find_selection(libvirt)
        _SELECTIONS[key] = found
    return found


def validator_for(
    schema_set: SchemaSet,
    kind: Kind | None = None,
    strict: bool = False,
    settings: Settings | None = None,
) -> Validator:
    """The process's validator for ``schema_set`` (its compiled schemas are kept)."""
    key = (schema_set.path, kind.name if kind else None, strict, settings)
    found = _VALIDATORS.get(key)
    if found is None:
        found = Validator(schema_set, kind, strict, settings)
        _VALIDATORS[key] = found
    return found


def validate(
    source: str | bytes | os.PathLike[str],
    libvirt: str | None = None,
    *,
    kind: str | None = None,
    strict: bool = False,
    domcaps: Sequence[str | bytes | os.PathLike[str]] = (),
    disable: Sequence[str] = (),
    enable: Sequence[str] = (),
) -> Report:
    """Validate a libvirt document against libvirt's schemas, then libvirt's own rules.

    ``source`` is XML text, bytes, or a path. ``libvirt`` picks the schema
    set (``"9.0.0"``; the nearest older one if that is missing; default: the
    newest available). ``kind`` forces the document kind (``"domain"``...)
    instead of telling it from the root element. A schema-valid domain is
    then checked by the semantic rules (docs/lint.md): what libvirt refuses
    is an error, what may fail (or do harm) a warning, in the report's
    ``warnings``; ``strict`` makes warnings errors. ``domcaps`` are domain
    capabilities documents (paths or bytes; the one matching the domain's
    type, arch and machine is used) for the host-aware rules; ``disable``
    and ``enable`` name rule ids to skip, or to run though off by default.
    Raises :class:`SchemaError` when no schema set is available,
    :class:`ParseError` when a path cannot be read, :class:`ValueError` for
    an unknown rule id; a malformed document gives an invalid report.
    """
    forced = None
    if kind is not None:
        forced = kind_named(kind)
        if forced is None:
            raise SchemaError(f"unknown document kind {kind!r}")
    data, filename = load_source(source)
    selection = selection_for(libvirt)
    settings = None
    if domcaps or disable or enable:
        from domxml.semantic import settings as make_settings

        settings = _SETTINGS.get((tuple(map(_key, domcaps)), tuple(disable), tuple(enable)))
        if settings is None:
            settings = make_settings(domcaps, disable, enable)
            _SETTINGS[(tuple(map(_key, domcaps)), tuple(disable), tuple(enable))] = settings
    validator = validator_for(selection.schema_set, forced, strict, settings)
    report = validator.check(data, filename)
    if report.status == INVALID:
        from domxml.validation.newer import newer_sets, with_newer_hints

        newer = newer_sets(selection.schema_set)
        report = with_newer_hints(report, data, selection.schema_set, newer, forced)
    return report


#: Settings by what made them, so that a validator (and its compiled schemas)
#: is found again for the same capabilities.
_SETTINGS: dict[tuple[object, ...], Settings] = {}


def _key(source: str | bytes | os.PathLike[str]) -> object:
    return os.fspath(source) if isinstance(source, os.PathLike) else source


# -- many documents ------------------------------------------------------------------------


class Source(NamedTuple):
    """A document to validate: a file, or bytes already read (standard input)."""

    # A named tuple, not a dataclass: one is made per file, and the class
    # itself costs a tenth of a dataclass's to create at start-up.

    name: str
    """How reports call it: the path as given, or ``-``."""
    path: str | None = None
    """The file to read, if the document is not ``data``."""
    data: bytes | None = None
    """The document, when already read."""


class _Deferred(NamedTuple):
    """A schema-valid domain whose lint and semantic rules are still to run.

    The rules of a batch's documents run after its libxml2 work: interleaved
    with parsing and validating, Python costs about twice as much (the
    processor's caches then hold libxml2's data).
    """

    root: etree._Element
    data: bytes
    filename: str | None
    kind: Kind


def _finished(validator: Validator, outcomes: list[Report | str | _Deferred]) -> list[Report | str]:
    """The outcomes of a batch, the deferred ones finished."""
    return [
        validator._finish(outcome) if isinstance(outcome, _Deferred) else outcome
        for outcome in outcomes
    ]


def _outcome(validator: Validator, source: Source) -> Report | str | _Deferred:
    """What checking ``source`` gives: see :meth:`Validator._outcome`."""
    data = source.data
    if data is None:
        assert source.path is not None
        try:
            data = _read(source.path)
        except _TooLarge as e:
            issue = Issue(None, None, "", f"document too large ({e.size} bytes)", "", "unreadable")
            return Report(source.name, None, validator.schema_set.label, ERROR, (issue,))
        except OSError as e:
            issue = Issue(
                None, None, "", f"cannot read: {e.strerror or e}", "check the path", "unreadable"
            )
            return Report(source.name, None, validator.schema_set.label, ERROR, (issue,))
    return validator._outcome(data, source.name)


def _reports(
    validator: Validator, sources: Sequence[Source], outcomes: Iterable[Report | str]
) -> list[Report]:
    """The reports of ``sources``, made for the valid ones from their outcome (a kind)."""
    label = validator.schema_set.label
    return [
        outcome if isinstance(outcome, Report) else Report(source.name, outcome, label, VALID)
        for source, outcome in zip(sources, outcomes, strict=True)
    ]


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read(path: str) -> bytes:
    """The bytes of file ``path``; :class:`_TooLarge` past :data:`MAX_DOCUMENT_BYTES`.

    With a bare descriptor: per file, even ``open()``'s buffered reader shows
    against libxml2's speed (pathlib's more so).
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_DOCUMENT_BYTES:
            raise _TooLarge(size)
        # The whole file in one read, without the read that would confirm its
        # end when it gave exactly its size; else (it changed, or is a /proc
        # file of size 0) on to the end as read() would.
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        chunks = [data]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


_WORKER: Validator | None = None


def _start_worker(
    schema_set: SchemaSet,
    kind: Kind | None,
    strict: bool = False,
    settings: Settings | None = None,
) -> None:
    global _WORKER
    if (
        _WORKER is None
        or _WORKER.schema_set != schema_set
        or _WORKER.kind != kind
        or _WORKER.strict != strict
        or _WORKER.settings != settings
    ):
        _WORKER = Validator(schema_set, kind, strict, settings)


def _work(sources: Sequence[Source]) -> list[Report | str]:
    assert _WORKER is not None
    # Outcomes, not reports: a kind's name is cheaper to send back than a report.
    worker = _WORKER
    outcomes: list[Report | str] = []
    for start in range(0, len(sources), _BATCH):
        batch = sources[start : start + _BATCH]
        outcomes.extend(_finished(worker, [_outcome(worker, source) for source in batch]))
    return outcomes


#: How many documents are checked before their reports are made.
_BATCH = 64


def validate_sources(
    validator: Validator,
    sources: Sequence[Source],
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Report]:
    """Validate ``sources`` in order, with ``jobs`` worker processes when > 1."""
    if jobs <= 1 or len(sources) < 4 * jobs:
        # The reports of a batch are made after its libxml2 work: interleaved
        # with parsing and validating, making each costs several times more
        # (the processor's caches then hold libxml2's data, not Python's).
        done = 0
        for start in range(0, len(sources), _BATCH):
            batch = sources[start : start + _BATCH]
            outcomes = _finished(validator, [_outcome(validator, source) for source in batch])
            for report in _reports(validator, batch, outcomes):
                done += 1
                if progress is not None:
                    progress(done)
                yield report
        return
    yield from _in_workers(validator, sources, jobs, progress)


def _in_workers(
    validator: Validator,
    sources: Sequence[Source],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> Iterable[Report]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    # Forked workers inherit the schemas this process already compiled.
    _WORKER = validator
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # A few slices per worker: enough to balance, few enough to cost little.
    size = max(1, -(-len(sources) // (jobs * 4)))
    slices = [sources[i : i + size] for i in range(0, len(sources), size)]
    done = 0
    with ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(validator.schema_set, validator.kind, validator.strict, validator.settings),
    ) as pool:
        for batch, outcomes in zip(slices, pool.map(_work, slices), strict=True):
            done += len(batch)
            if progress is not None:
                progress(done)
            yield from _reports(validator, batch, outcomes)
