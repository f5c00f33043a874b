"""``python -m site_gen`` is the same as the ``site-gen`` command."""

from .cli import main

raise SystemExit(main())
