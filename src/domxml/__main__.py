"""``python -m domxml``: the ``domxml`` command."""

import sys

from domxml.cli import main

sys.exit(main())
