"""``python -m domxml.cli``: the ``domxml`` command."""

import sys

from domxml.cli import main

sys.exit(main())
