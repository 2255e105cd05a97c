"""The scale commands: ``sitrep ray-extract`` (JSON Lines -> Parquet partitions on a Ray cluster)
and ``sitrep load`` (those partitions -> the store)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitrep.cli_common import EXIT_SKIPPED, DbOption, open_store

app = typer.Typer()

AddressOption = Annotated[Optional[str], typer.Option(
    help='Ray cluster to join ("auto", "ray://HOST:10001"); default: start a local Ray instance')]


@app.command("ray-extract")
def ray_extract(
    paths: Annotated[list[str], typer.Argument(help="JSON Lines batches (local paths or URIs every Ray node can read)")],
    out: Annotated[str, typer.Option("--out", "-o", help="folder for the Parquet partitions")],
    address: AddressOption = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="extraction actors (default: one per cluster CPU)")] = None,
) -> None:
    """Extract JSON Lines batches on Ray (Ray Data, an actor pool holding the models) into Parquet
    partitions; `sitrep load` imports them into a store."""
    from sitrep.scale.ray_engine import extract_to_parquet

    try:
        extract_to_parquet(paths, out, address=address, workers=workers)
    except RuntimeError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(f"partitions written to {out}; import them with: sitrep load {out}", err=True)


@app.command()
def load(
    folder: Annotated[str, typer.Argument(help="folder of Parquet partitions written by `sitrep ray-extract`")],
    db: DbOption = None,
) -> None:
    """Import Parquet partitions of extraction results into the store (documents already stored are skipped)."""
    from sitrep.scale.load import load as load_partitions

    with open_store(db) as store:
        try:
            summary = load_partitions(store, folder)
        except FileNotFoundError as exc:
            raise typer.BadParameter(str(exc)) from None
    for line in summary.lines():
        typer.echo(line, err=True)
    if summary.skipped or summary.errors:
        raise typer.Exit(EXIT_SKIPPED)
