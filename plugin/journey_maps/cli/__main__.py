"""``python -m journey_maps.cli``: the ``journey-maps`` command without the console script."""

import sys

from journey_maps.cli import main

sys.exit(main())
