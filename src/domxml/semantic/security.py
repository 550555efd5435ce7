"""Security labels and launch security."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc
from domxml.semantic.registry import ERROR, WARNING, Hit, rule


def _labels(parent: etree._Element) -> list[etree._Element]:
    return list(parent.iterchildren("seclabel"))


@rule(
    "seclabel-duplicate-model",
    ERROR,
    "Two security labels of one model (on the domain or on one device), or several without a model",
    "seclabel for model %s is already provided",
    "give one <seclabel> per model, each naming its model",
    needs=("seclabel",),
)
def seclabel_duplicate_model(doc: Doc) -> Iterator[Hit]:
    domain_labels = _labels(doc.root)
    yield from _duplicates(domain_labels)
    if len(domain_labels) > 1:
        for label in domain_labels:
            if not label.get("model"):
                yield Hit(label, "missing security model when using multiple labels")
                break
    for device in doc.all_devices():
        for holder in (device, doc.child(device, "source")):
            if holder is not None:
                yield from _duplicates(_labels(holder), device_level=True)


def _duplicates(labels: list[etree._Element], device_level: bool = False) -> Iterator[Hit]:
    seen: set[str | None] = set()
    for label in labels:
        model = label.get("model")
        if device_level and model is None:
            continue
        if model in seen:
            yield Hit(label, f"seclabel for model {model} is already provided", "model")
            return
        seen.add(model)


@rule(
    "launch-security-host",
    WARNING,
    "Launch security (SEV, SEV-SNP, TDX, s390 PV) the domain capabilities say the host lacks",
    "",
    "check `virsh domcapabilities` on the host: <features><sev supported='yes'>...",
    when="host",
    needs=("launchSecurity",),
)
def launch_security_host(doc: Doc) -> Iterator[Hit]:
    security = doc.child(doc.root, "launchSecurity")
    if security is None or doc.caps is None:
        return
    kind = security.get("type") or ""
    feature = {"sev": "sev", "sev-snp": "sev", "tdx": "tdx", "s390-pv": "s390-pv"}.get(kind)
    if feature is None:
        return
    supported = doc.caps.supported(f"features/{feature}")
    if supported is False:
        yield Hit(
            security,
            f"launch security '{kind}' is not supported by this host (domain capabilities):"
            " the domain will fail to start",
            "type",
        )
