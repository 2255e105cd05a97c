"""``sitrep lang check``: validate every language data file and the taxonomy."""
from __future__ import annotations

import typer

from sitrep.lang import check_all

app = typer.Typer(no_args_is_help=True, help="The language data files (lang/<code>/*.yaml) and the taxonomy.")


@app.command()
def check() -> None:
    """Validate every language file and the taxonomy against their schemas: one line per problem,
    with its file and line; exit status 1 where there is any."""
    problems = check_all()
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo("sitrep: language files and taxonomy: no problems", err=True)
