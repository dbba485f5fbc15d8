"""``python -m khulasa`` runs the command line."""

import sys

from khulasa.cli import main

sys.exit(main())
