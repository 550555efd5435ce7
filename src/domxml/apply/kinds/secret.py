"""Secrets: defined by UUID or usage; their value set apart, never shown.

A secret's document describes it (its UUID, usage, whether libvirt keeps
it on disk and whether its value can be read back); the value itself
(a passphrase, a Ceph key) is not part of it. domxml sets the value it is
given (``secret_values``, ``--secret-value-file``) when it creates the
secret, and when it can read the old one back to compare (a secret that
is not ``private``) and it differs. A plan shows the value only as
``(not shown)``.

libvirt keeps a secret in place when it is defined again, with two
exceptions (``virSecretObjListAdd``): its usage cannot change ("a secret
with UUID ... is already defined for use with ...") and a private secret
cannot become public ("cannot change private flag on existing secret").
Such an update deletes the secret and defines it again with the same UUID;
its value is then lost unless one is given, so without one the plan is a
conflict. libvirt allows one secret per usage: a document whose UUID is
new but whose usage another secret has is a conflict too.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_module
from domxml.apply.errors import ApplyError
from domxml.apply.handler import Handler, Ref, with_validation
from domxml.binding import Model
from domxml.compare import ADD, CHANGE, Change
from domxml.models.secret import Secret

if TYPE_CHECKING:
    from domxml.apply.plan import Desired, Step

__all__ = ["VALUE_PATH", "SecretHandler", "usage_of"]

#: Where a plan shows a change of the value: not an element, since the value is none.
VALUE_PATH = "/secret/value"
#: How a value is shown: never.
HIDDEN = "(not shown)"

#: The field that holds each usage type's id, as libvirt names the usage.
_USAGE_ID = {"volume": "volume", "ceph": "name", "iscsi": "target", "tls": "name", "vtpm": "name"}


def usage_of(model: Model) -> tuple[str, str] | None:
    """A secret's usage as libvirt looks it up: its type and id (``("ceph", "client.admin")``)."""
    usage = getattr(model, "usage", None)
    kind = getattr(usage, "type", None)
    field = _USAGE_ID.get(str(kind))
    value = getattr(usage, field, None) if field else None
    return (str(kind), str(value)) if value else None


def _usage_type(kind: str) -> int:
    return int(getattr(libvirt_module(), f"VIR_SECRET_USAGE_TYPE_{kind.upper()}"))


class SecretHandler(Handler):
    kind = "secret"
    model = Secret
    keeps_uuid = True
    named_by = "a <uuid> or a <usage>"

    def name_of(self, model: Model) -> str | None:
        uuid = getattr(model, "uuid", None)
        if uuid:
            return str(uuid).lower()
        usage = usage_of(model)
        return f"{usage[0]}:{usage[1]}" if usage is not None else None

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        kind, sep, usage = ref.name.partition(":")
        if sep:  # a UUID has no colon
            if kind not in _USAGE_ID:
                raise ApplyError(
                    f"{ref}: no usage type {kind!r} ({', '.join(_USAGE_ID)})", applied=[]
                )
            return conn.secretLookupByUsage(_usage_type(kind), usage)
        return conn.secretLookupByUUIDString(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.XMLDesc(0))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        flag = getattr(libvirt_module(), "VIR_SECRET_DEFINE_VALIDATE", 0)
        return with_validation(conn.secretDefineXML, xml, flag)

    def blocker(self, conn: Any, item: Desired) -> str | None:
        usage = usage_of(item.model)
        if getattr(item.model, "uuid", None) is None or usage is None:
            return None
        other = self.lookup(conn, Ref("secret", f"{usage[0]}:{usage[1]}"))
        if other is None:
            return None
        return (
            f"secret {other.UUIDString()} has usage {usage[0]} {usage[1]!r}, and libvirt allows"
            " one secret per usage: remove it first, or give its UUID"
        )

    def _recreate_reason(self, step: Step) -> str | None:
        desired, actual = step.desired.model, step.actual
        if actual is None:
            return None
        wanted, have = usage_of(desired), usage_of(actual)
        if wanted != have:
            return (
                f"libvirt cannot change a secret's usage ({_shown(have)} to {_shown(wanted)}):"
                " it is undefined and defined again, with its UUID"
            )
        private = getattr(desired, "private", None) is True
        if getattr(actual, "private", None) is True and not private:
            return (
                "libvirt cannot make a private secret public: it is undefined and defined"
                " again, with its UUID"
            )
        return None

    def conflict(self, step: Step) -> str | None:
        why = self._recreate_reason(step) if step.action == "update" else None
        if why is not None and step.desired.value is None:
            return (
                f"{why}, which loses its value: give the value (--secret-value-file),"
                " or remove the secret first"
            )
        return super().conflict(step)

    def recreated(self, step: Step) -> str | None:
        return self._recreate_reason(step)

    def plan_more(self, conn: Any, obj: Any, step: Step) -> None:
        value = step.desired.value
        if value is None or self._recreate_reason(step) is not None:
            return
        if getattr(step.actual, "private", None) is True:
            step.notes.append(
                "its value is not compared, nor set: libvirt does not give a private"
                " secret's value back; domxml sets it when it creates the secret"
                " (to change it, remove the secret first, or use virsh secret-set-value)"
            )
            return
        have = _value(obj)
        if have is None:
            step.changes.append(Change(VALUE_PATH, ADD, HIDDEN, None))
        elif not hmac.compare_digest(have, value):
            step.changes.append(Change(VALUE_PATH, CHANGE, HIDDEN, HIDDEN))

    def update(self, conn: Any, step: Step, xml: str) -> Any:
        if all(c.path == VALUE_PATH for c in step.changes):
            return self.lookup(conn, step.ref)  # only the value: nothing to define
        return self.define(conn, step.ref, xml)

    def after(self, conn: Any, obj: Any, step: Step) -> list[str]:
        value = step.desired.value
        if value is None:
            return []
        if (
            step.action == "create"
            or step.recreate
            or any(c.path == VALUE_PATH for c in step.changes)
        ):
            obj.setValue(value, 0)
            return ["value set"]
        return []

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.secretDefineXML(previous, 0)
        else:
            obj.undefine()


def _shown(usage: tuple[str, str] | None) -> str:
    return "none" if usage is None else f"{usage[0]} {usage[1]!r}"


def _value(obj: Any) -> bytes | None:
    """A secret's value, or None when it has none (libvirt: "secret ... does not have a value")."""
    libvirt = libvirt_module()
    try:
        return bytes(obj.value(0))
    except libvirt.libvirtError as e:
        if e.get_error_code() == libvirt.VIR_ERR_NO_SECRET:
            return None
        raise
