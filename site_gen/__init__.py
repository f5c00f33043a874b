"""site_gen: turn scraped Chinese essays into a clean, linked, bilingual static reading site."""

__version__ = "0.1.0"

# What Ctrl-C ends any command with (exit status 130), while loading or at work.
INTERRUPTED = "interrupted; the previous site is untouched"


def command() -> int:
    """The ``site-gen`` command (and ``python -m site_gen``): loads the program, then runs it.

    Loading takes a moment; Ctrl-C during it ends in the same one line as Ctrl-C during a
    command, not a traceback.
    """
    import sys

    try:
        from .cli import main
    except KeyboardInterrupt:  # nothing was touched yet
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return main()
