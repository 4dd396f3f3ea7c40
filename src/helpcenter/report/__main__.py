"""python -m helpcenter.report LOG… --out DIR: the readers' report (helpcenter.report.cli)."""

import sys

from helpcenter.report.cli import main

sys.exit(main())
