"""``<metadata>``: applications' own XML inside a libvirt document.

Shared by domains, networks and the other families that allow it. Its
content is open by design (one element per application namespace), so it
is typed as "any XML" and held as lxml elements.
"""

from __future__ import annotations

from lxml import etree

from domxml.binding import Model, any_elements, element


# libvirt dumps <metadata> content with libxml2, which writes double quotes.
@element("metadata", foreign_quote='"')
class Metadata(Model):
    """``<metadata>``: one element per application, each in its own namespace."""

    elements: list[etree._Element] = any_elements(
        doc="the applications' elements, as lxml elements", default_factory=list
    )
