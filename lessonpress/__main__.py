"""`python -m lessonpress` is the same as the `lessonpress` command."""

from .cli import run

run()
