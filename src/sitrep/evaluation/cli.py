"""``sitrep gazetteer evaluate``: the geocoder measured on gold toponyms. It runs the place stage, so it
lives above the stages and is registered on the gazetteer's command group by ``sitrep.cli``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sitrep.geo.cli import PathOption, open_for_command


def evaluate(data_dir: Annotated[Path, typer.Option(help="folder with geoparsing/ and acled/ (../shared/data layout)")]
             = Path("../shared/data"),
             limit: Annotated[Optional[int], typer.Option(help="documents per corpus (default all)")] = None,
             path: PathOption = None) -> None:
    """Accuracy within 10/161 km, median error and share unresolved on LGL, GeoWebNews and ACLED exports."""
    from sitrep.evaluation.geocoding import evaluate_all
    from sitrep.stages.parse import pipeline_for

    if not data_dir.exists():
        raise typer.BadParameter(f"{data_dir} does not exist")
    gazetteer = open_for_command(path)
    gazetteer_path = gazetteer.path
    gazetteer.close()
    for index, scores in enumerate(evaluate_all(data_dir, gazetteer_path, pipeline_for("en"), limit=limit)):
        row = scores.row()
        if index == 0:
            typer.echo("\t".join(row))
        typer.echo("\t".join(str(value) for value in row.values()))
