"""Entry point for ``python -m aidlens``."""

import sys

from aidlens.cli import main
from aidlens.collector import relax_collector

relax_collector()
sys.exit(main())
