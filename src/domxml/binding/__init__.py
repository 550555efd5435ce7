"""The binding engine: typed dataclasses bound to XML, losslessly, both ways.

It knows nothing of libvirt. A model declares its XML shape once with
:func:`element` and the field helpers; :func:`read`, :func:`write_model`
and :func:`untyped` are derived from that declaration.
"""

from domxml.binding.codecs import (
    FLOAT,
    HEX2,
    HEX4,
    INT,
    ON_OFF,
    STR,
    YES_NO,
    BoolCodec,
    Codec,
    EnumCodec,
    IntCodec,
    StrCodec,
    allowed,
    matching,
)
from domxml.binding.declare import (
    Depends,
    Model,
    any_elements,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    leaves,
    text,
    variant,
)
from domxml.binding.document import (
    bind,
    parse_document,
    register_root,
    root_model,
    root_models,
    write_document,
)
from domxml.binding.untyped import untyped, value_counts
from domxml.binding.writer import write_model

__all__ = [
    "FLOAT",
    "HEX2",
    "HEX4",
    "INT",
    "ON_OFF",
    "STR",
    "YES_NO",
    "BoolCodec",
    "Codec",
    "Depends",
    "EnumCodec",
    "IntCodec",
    "Model",
    "StrCodec",
    "allowed",
    "any_elements",
    "attr",
    "bind",
    "child",
    "children",
    "depends_on",
    "element",
    "leaf",
    "leaves",
    "matching",
    "parse_document",
    "register_root",
    "root_model",
    "root_models",
    "text",
    "untyped",
    "value_counts",
    "variant",
    "write_document",
    "write_model",
]
