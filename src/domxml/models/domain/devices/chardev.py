"""Device models: <serial>, <parallel>, <console>, <channel> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("serial")
class Serial(Model):
    """``<serial>``: a serial port."""


@element("parallel")
class Parallel(Model):
    """``<parallel>``: a parallel port."""


@element("console")
class Console(Model):
    """``<console>``: a console."""


@element("channel")
class Channel(Model):
    """``<channel>``: a host-guest communication channel."""
