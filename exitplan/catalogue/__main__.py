"""`python -m exitplan.catalogue LANG`: the catalogue texts not yet translated into LANG, or
stale, as YAML to fill in and add to `exitplan/data/catalogue/LANG/` (see `texts.py`); then
the playbooks with no current translation in `playbooks/LANG/`."""

import sys

from ..i18n import DEFAULT_LANGUAGE, _
from ..paths import catalogue_dir, playbooks_dir
from ..translation import playbooks_to_translate
from .texts import todo

if len(sys.argv) != 2:
    sys.exit(_("usage: python -m exitplan.catalogue LANG"))
language = sys.argv[1]
sys.stdout.write(todo(catalogue_dir(), language))
playbooks = playbooks_dir().parent
for line in playbooks_to_translate(playbooks / DEFAULT_LANGUAGE, playbooks / language):
    sys.stdout.write(line + "\n")
