"""Entry point for ``python -m aidlens``."""

import sys

from aidlens.cli import main

sys.exit(main())
