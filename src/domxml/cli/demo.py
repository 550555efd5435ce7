"""``domxml demo``: the README's main job."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    """Add ``demo`` to the command parsers."""
    parser = commands.add_parser(
        "demo",
        help="round-trip and validate the bundled example documents",
        description="Parse each bundled example document, write it back and compare;"
        " validate it against the schemas of the host's libvirt (the newest available"
        " without one). Exit status 1 when any example does not round-trip or validate.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the demo; 0 when every example round-trips and validates."""
    from domxml.tools.demo import format_results, run_demo

    demo = run_demo()
    print(format_results(demo))
    return 0 if demo.ok else 1
