"""`python -m exitplan.catalogue LANG`: the catalogue texts not yet translated into LANG, or
stale, as YAML to fill in and add to `exitplan/data/catalogue/LANG/` (see `texts.py`)."""

import sys

from ..i18n import _
from ..paths import catalogue_dir
from .texts import todo

if len(sys.argv) != 2:
    sys.exit(_("usage: python -m exitplan.catalogue LANG"))
sys.stdout.write(todo(catalogue_dir(), sys.argv[1]))
