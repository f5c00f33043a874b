"""``python -m site_gen`` is the same as the ``site-gen`` command."""

from . import command

raise SystemExit(command())
