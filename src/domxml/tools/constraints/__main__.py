"""``python -m domxml.tools.constraints``."""

import sys

from domxml.tools.constraints import main

sys.exit(main())
