"""``python -m raci``: see raci/cli.py."""

import sys

from raci.cli import main

sys.exit(main())
