"""`lessonpress preview` (alias `serve`): build, serve the output folder locally, reload on save."""

from __future__ import annotations

from typing import Any

import click

from .cli_common import EXIT_OK, guard, in_project, print_problems
from .cli_options import build_options, flags_from
from .settings import build_date, make_settings


@click.command("preview")
@build_options
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option("--no-open", is_flag=True, help="Do not open the catalog in a web browser.")
@click.pass_context
@in_project
def preview_command(ctx: click.Context, port: int, no_open: bool, **options: Any) -> None:
    """Build, then serve the output folder on 127.0.0.1 and open its catalog in the browser;
    every save rebuilds what changed and reloads the page (Ctrl-C stops)."""
    from .cli_progress import rebuild_reporter
    from .preview import preview
    from .watch import watched_paths

    quiet, verbose = options.get("quiet", False), options.get("verbose", False)
    printer, on_build = rebuild_reporter(quiet, verbose)

    def run() -> int:
        settings, warnings = make_settings(flags_from(options), today=build_date())
        print_problems(warnings, quiet)

        def on_ready(url: str) -> None:
            folders = ", ".join(str(p) for p in watched_paths(settings))
            click.echo(f"serving {settings.out_dir} at {url} (watching {folders}; Ctrl-C to stop)")
            if not no_open:
                import webbrowser

                webbrowser.open(url)

        preview(settings, printer, on_build, port=port, on_ready=on_ready)
        click.echo("stopped")
        return EXIT_OK

    ctx.exit(guard(ctx, run))
