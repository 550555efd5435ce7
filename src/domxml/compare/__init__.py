"""Semantic diff of two documents of the same kind: what applying one to the other changes.

The walk is generic: it reads each model's declaration (the binding's
:mod:`domxml.binding.reflect`) and compares field by field, so every model,
present or future, is covered. Both sides are compared as typed values, not
as text: ``bus='0x01'`` equals ``bus='1'``, ``<memory unit='GiB'>1</memory>``
equals ``<memory unit='KiB'>1048576</memory>``, ``yes`` equals ``on`` where
both mean true. What libvirt fills in on its own, and the desired side
leaves out, is not a change: :mod:`.generated` lists those fields and why
(the rules' machinery is :mod:`.rules`).

Repeated elements are matched by identity (a disk by its target, a
controller by type and index...) and then by likeness, so that a reordered
list, or devices libvirt inserted among the desired ones, are not changes.
What no typed field holds (unknown attributes and elements) is compared as
written, after canonicalisation; comments do not count. domxml's own
last-applied record in ``<metadata>`` (:mod:`.record`) is never compared.

Given the document applied last (``last``), the diff is three-way, as
``kubectl apply`` is: what the actual side has and the desired side leaves
out is libvirt's own only when the last-applied document did not have it
either. One the last-applied document had is one the user removed, and a
removal, whatever the rules say (a controller, an input, a console libvirt
could have added, a value it could have filled in).

The modules: :mod:`.change` (:class:`Change`), :mod:`.values` (values as
compared and shown), :mod:`.walk` (the comparison), :mod:`.rules` and
:mod:`.generated` (with :mod:`.kinds`: secrets, filters and bindings, ports,
checkpoints). :mod:`domxml.apply` plans with it; ``domxml.diff`` is
:func:`diff`.
"""

from __future__ import annotations

from domxml.compare.change import ADD, CHANGE, REMOVE, Change
from domxml.compare.values import show_model
from domxml.compare.walk import assumed, diff

__all__ = ["ADD", "CHANGE", "REMOVE", "Change", "assumed", "diff", "show_model"]
