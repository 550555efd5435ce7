"""The building blocks of domain capabilities: ``supported='yes'`` and ``<enum>``.

Nearly every element of ``virsh domcapabilities`` says whether something
is supported and lists, in ``<enum name='...'>`` elements, the values a
domain may use for one of its attributes (``<disk>``'s ``bus``:
``ide``, ``scsi``, ``virtio``...).
"""

from __future__ import annotations

from domxml.binding import Model, attr, children, element, leaves


@element("enum")
class CapsEnum(Model):
    """``<enum name='bus'>``: the values a domain may give one attribute or element."""

    name: str | None = attr(doc="the attribute (or element) the values are for")
    values: list[str] = leaves("value", default_factory=list)


@element("vmcoreinfo")
class Support(Model):
    """An element that only says whether a feature is supported (``<vmcoreinfo supported='yes'/>``).

    One class serves every such element of the document.
    """

    supported: bool | None = attr()


@element("disk")
class SupportedEnums(Support):
    """A feature's support and the values it takes (``<disk supported='yes'><enum name='bus'>``).

    One class serves the device elements, ``<memoryBacking>``, ``<gic>``...
    """

    enums: list[CapsEnum] = children(default_factory=list)

    def enum(self, name: str) -> CapsEnum | None:
        """The ``<enum>`` named ``name``, if listed."""
        return next((e for e in self.enums if e.name == name), None)

    def enum_values(self, name: str) -> list[str]:
        """The values of the ``<enum>`` named ``name``: empty when it is not listed."""
        found = self.enum(name)
        return list(found.values) if found is not None else []
