"""The `i18n` commands: create translation files, report their status, exchange catalogs."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_common import EXIT_ERRORS, EXIT_OK, guard, in_project, locale_tag, outcome_code, print_problems


@click.group("i18n")
def i18n_group() -> None:
    """Translations: create files, report what is missing or stale, exchange PO/CSV catalogs."""


@i18n_group.command("init")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", required=True, help="Language to translate into (es, ar, pt-BR, ...).")
@click.pass_context
@in_project
def i18n_init(ctx: click.Context, paths: tuple[str, ...], locale: str) -> None:
    """Create translation files for a locale, ready to fill in with any text editor."""
    from .i18n import workflow

    tag = locale_tag(locale)
    ctx.exit(guard(ctx, lambda: outcome_code(workflow.init(paths, tag), "created")))


@i18n_group.command("status")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option(
    "--fail-on",
    default="",
    metavar="missing,stale",
    help="Exit 1 when any string is missing and/or stale (for CI).",
)
@click.pass_context
@in_project
def i18n_status(ctx: click.Context, paths: tuple[str, ...], locales: tuple[str, ...], fail_on: str) -> None:
    """Per locale and lesson: translated, missing and stale strings (with old and new source)."""
    from .i18n import workflow
    from .i18n.documents import find_documents, known_locales
    from .i18n.status import format_report
    from .languages import language_name

    wanted = {s.strip() for s in fail_on.split(",") if s.strip()}
    if wanted - {"missing", "stale"}:
        raise click.BadParameter("use missing, stale or missing,stale", param_hint="--fail-on")

    def run() -> int:
        chosen = [locale_tag(x) for x in locales] or known_locales(find_documents(paths)[0])
        statuses, problems = workflow.status(paths, chosen)
        for line in format_report(statuses, language_name):
            click.echo(line)
        if any(s.count("stale") for s in statuses):
            click.echo("After updating stale strings, run `lessonpress i18n sync --locale L`.")
        print_problems(problems)
        failing = any(s.count(state) for s in statuses for state in wanted)
        return EXIT_ERRORS if failing or any(p.is_error for p in problems) else EXIT_OK

    ctx.exit(guard(ctx, run))


@i18n_group.command("sync")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", required=True, help="Locale whose translations are now up to date.")
@click.pass_context
@in_project
def i18n_sync(ctx: click.Context, paths: tuple[str, ...], locale: str) -> None:
    """Record that the current translations match the current source (after updating them)."""
    from .i18n import workflow

    tag = locale_tag(locale)
    ctx.exit(guard(ctx, lambda: outcome_code(workflow.sync(paths, tag), "updated")))


@i18n_group.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", required=True, help="Locale to export.")
@click.option("--format", "fmt", type=click.Choice(["po", "csv"]), default="po", show_default=True)
@click.option("--out", type=click.Path(), help="Catalog file (default: build/translations/LOCALE.po|csv).")
@click.option("--force", is_flag=True, help="Replace --out even if lessonpress did not write it.")
@click.pass_context
@in_project
def i18n_export(
    ctx: click.Context, paths: tuple[str, ...], locale: str, fmt: str, out: str | None, force: bool
) -> None:
    """Write one catalog per locale for Weblate/Crowdin/Poedit (PO) or a spreadsheet (CSV)."""
    from .i18n import workflow

    tag = locale_tag(locale)
    target = Path(out) if out else Path("build") / "translations" / f"{tag}.{fmt}"
    ctx.exit(
        guard(
            ctx, lambda: outcome_code(workflow.export(paths, tag, fmt, target, str(target), force), "wrote")
        )
    )


@i18n_group.command("import")
@click.argument("catalog", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", help="Locale of the catalog (default: from the PO header or file name).")
@click.pass_context
@in_project
def i18n_import(ctx: click.Context, catalog: str, paths: tuple[str, ...], locale: str | None) -> None:
    """Write a PO or CSV catalog's translations into the translation files (all or nothing)."""
    from .i18n import workflow

    tag = locale_tag(locale)

    def run() -> int:
        outcome = workflow.import_catalog(paths, Path(catalog), catalog, tag)
        code = outcome_code(outcome, "updated")
        if code == EXIT_OK:
            click.echo(
                f"{outcome.changed} string{'s' * (outcome.changed != 1)} imported"
                + ("" if outcome.written else "; no file changed")
            )
        else:
            click.echo("nothing was written", err=True)
        return code

    ctx.exit(guard(ctx, run))


@i18n_group.command("labels")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locale", required=True, help="Language of the catalog.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, or - to print it (default: lessons/translations/LOCALE/labels.po, the "
    "project's labels, which the build uses).",
)
@click.option("--force", is_flag=True, help="Replace --out even if lessonpress did not write it.")
@click.pass_context
@in_project
def i18n_labels(
    ctx: click.Context, paths: tuple[str, ...], locale: str, out: str | None, force: bool
) -> None:
    """Write the project's catalog of interface labels (headings, footers) for a language: every
    label, the translation in use and a note for the translator. Translations already in the
    file are kept; the build prints them instead of lessonpress's own."""
    from .i18n.label_catalog import label_file, label_status, labels_po
    from .i18n.writes import safe_target
    from .labels import UNREADABLE, package_catalog
    from .output import write_atomic
    from .project import translations_root

    tag = locale_tag(locale)

    def run() -> int:
        root, shown_root = translations_root(paths)
        status, problems = label_status(root, shown_root, tag)
        print_problems(problems)
        if out is None and any(p.code == UNREADABLE for p in problems):
            click.echo("not written: the project's labels.po cannot be read; fix it first", err=True)
            return EXIT_ERRORS
        draft = package_catalog(tag).draft and status.file is None
        text = labels_po(status, tag, draft)
        if out == "-":
            click.echo(text, nl=False)
            return EXIT_OK
        target, shown = (
            (Path(out), out) if out else (label_file(root, tag), str(Path(shown_root) / tag / "labels.po"))
        )
        refused = safe_target(target, shown, force or out is None)
        if refused is not None:
            print_problems([refused])
            return EXIT_ERRORS
        write_atomic(target, text.encode("utf-8"))
        missing = status.count("missing")
        click.echo(f"wrote {shown}: {len(status.strings)} labels, {missing} to translate")
        return EXIT_OK

    ctx.exit(guard(ctx, run))
