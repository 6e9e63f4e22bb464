"""Drop the project itself from a lock written by pip-compile: the ``dev`` extra names
``mappa-navigator[site]``, which ``make setup`` installs editable from the checkout, not from the
lock (a ``file://`` line with no hash would make ``pip install --require-hashes`` refuse the lock)."""

import re
import sys
from pathlib import Path

for name in sys.argv[1:]:
    path = Path(name)
    text = path.read_text(encoding="utf-8")
    # the warning pip-compile writes before an unhashable line, the line itself and its "via" comments
    text = re.sub(r"(?:# WARNING: pip install will require[^\n]*\n# Consider using[^\n]*\n)?"
                  r"mappa-navigator @ [^\n]*\n(?:    #[^\n]*\n)*", "", text)
    path.write_text(text, encoding="utf-8")
