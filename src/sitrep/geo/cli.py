"""`sitrep gazetteer ...`: build, import into, inspect and evaluate the gazetteer."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitrep.geo.build import build_default, forget_opened
from sitrep.geo.store import Gazetteer, default_path

app = typer.Typer(help="The gazetteer: build it, import places, look names up, evaluate the geocoder.",
                  no_args_is_help=True)
import_app = typer.Typer(help="Add places from GeoNames dumps or event datasets.", no_args_is_help=True)
app.add_typer(import_app, name="import")

PathOption = Annotated[Optional[Path], typer.Option("--path", help="gazetteer file (default: $SITREP_GAZETTEER "
                                                    "or ~/.cache/sitrep/gazetteer.sqlite)")]


def open_for_command(path: Path | None) -> Gazetteer:
    """The gazetteer file, built first where it does not exist yet."""
    path = path or default_path()
    probe = Gazetteer(path) if path.exists() else None
    if probe is None or not probe.is_built():
        if probe is not None:
            probe.close()
        build_default(path)
    forget_opened()
    return Gazetteer(path)


@app.command()
def build(path: PathOption = None) -> None:
    """(Re)build the embedded default gazetteer (GeoNames cities500, countries, ISO 3166-2), offline."""
    stats = build_default(path or default_path())
    forget_opened()
    typer.echo(json.dumps(stats, indent=1, ensure_ascii=False))


class DownloadProgress:
    """A progress bar on stderr for a download, opened once its size is known."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None
        self.done = 0

    def __call__(self, done: int, total: int | None) -> None:
        if self.bar is None and total:
            self.bar = typer.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        elif self.done:
            typer.echo(f"{self.label}: {self.done / 2**20:.1f} MiB", err=True)


@import_app.command("geonames")
def import_geonames_command(
        sources: Annotated[list[str], typer.Argument(help="a country code (SY: downloads GeoNames' dump of that "
                                                          "country, every village), or GeoNames files or URLs: a "
                                                          "country dump (SY.txt/.zip), allCountries, "
                                                          "admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.txt")],
        path: PathOption = None) -> None:
    """Import GeoNames dumps in their official format (admin codes first, then places, then names)."""
    from sitrep.geo.importers import dump_url, geonames_kind, import_geonames

    order = {"admin_codes": 0, "places": 1, "alternate_names": 2}
    gazetteer = open_for_command(path)
    try:
        for source in sorted(sources, key=lambda s: order[geonames_kind(Path(s.split("?")[0]))]):
            progress = DownloadProgress(f"downloading {dump_url(source)}")
            try:
                imported = import_geonames(gazetteer, source, progress)
            finally:
                progress.close()
            typer.echo(f"{source}: {imported}")
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    finally:
        gazetteer.close()


@import_app.command("events")
def import_events_command(
        files: Annotated[list[Path], typer.Argument(help="ACLED export or UCDP GED csv files", exists=True)],
        path: PathOption = None) -> None:
    """Import the coded places of ACLED exports and UCDP GED files (village-level coverage)."""
    from sitrep.geo.importers import import_events

    gazetteer = open_for_command(path)
    for file in files:
        typer.echo(f"{file}: {import_events(gazetteer, file)}")
    gazetteer.close()


@app.command()
def info(path: PathOption = None) -> None:
    """What the gazetteer holds: places, names, sources, size."""
    gazetteer = open_for_command(path)
    typer.echo(json.dumps(gazetteer.stats(), indent=1, ensure_ascii=False))


@app.command()
def lookup(name: str, path: PathOption = None) -> None:
    """The places a name may mean (exact and bounded fuzzy matches), most populous first."""
    from sitrep.geo.resolver import candidates

    gazetteer = open_for_command(path)
    found = sorted(candidates(gazetteer, name), key=lambda c: (-c.match, -c.place.population))
    for candidate in found[:25]:
        place = candidate.place
        typer.echo(f"{candidate.match:.2f}\t{place.name}\t{place.feature}\t{place.country_code}\t{place.admin1 or ''}"
                   f"\t{place.latitude},{place.longitude}\tpop {place.population}\t{place.source}")
