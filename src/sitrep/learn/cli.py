"""``sitrep train``: the event reader from an ACLED export (and event headlines, and news sentences
that report no event), written where ``SITREP_EVENT_MODEL`` or the package can load it."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitrep.learn.corpus import CorpusError, read_acled, read_ged_headlines, read_news_sentences
from sitrep.learn.scorer import MODEL_FILE
from sitrep.learn.train import TrainingData, TrainingSettings, train

TRAINING_RECORD = "training.json"
CSV_SUFFIXES = (".csv", ".csv.gz")
XML_SUFFIXES = (".xml",)


def _files(paths: list[Path], what: str, suffixes: tuple[str, ...] = CSV_SUFFIXES) -> list[tuple[Path, bool]]:
    """``paths`` with each directory replaced by its files ending in ``suffixes`` (sorted: the
    order is part of the model), each marked whether it was named itself."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend((p, False) for p in sorted(path.iterdir()) if p.name.endswith(suffixes))
        elif path.is_file():
            found.append((path, True))
        else:
            raise typer.BadParameter(f"{what}: no file or directory {path}")
    return found


def _read_acled(files: list[tuple[Path, bool]]) -> tuple[list, int, list[Path]]:
    """The notes of every export, the rows skipped, and the files read. A file found in a
    directory that is not an export (a manifest) is passed over with a word; one named is an error."""
    notes, skipped, used = [], 0, []
    for path, named in files:
        try:
            read, unusable = read_acled(path)
        except CorpusError as exc:
            if named:
                raise
            typer.echo(f"train: passed over {exc}", err=True)
            continue
        notes += read
        skipped += unusable
        used.append(path)
    return notes, skipped, used


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_command(
    acled: Annotated[list[Path], typer.Option(help="ACLED export (CSV, .csv.gz) or a directory of them; repeat for more")],
    out: Annotated[Path, typer.Option(help="directory to write event-model.npz and training.json into")],
    ged: Annotated[Optional[list[Path]], typer.Option(help="UCDP GED CSV (or a directory of them) whose source headlines are more event sentences; repeatable")] = None,
    negatives: Annotated[Optional[list[Path]], typer.Option(help="LGL or GeoWebNews XML (or a directory of them) whose sentences report no conflict event; repeatable")] = None,
    vector_cache: Annotated[Optional[Path], typer.Option(help="keep the encoder's word vectors here between runs (.npz)")] = None,
    seed: Annotated[int, typer.Option(help="seed of the one sample drawn (the event head's positives)")] = TrainingSettings().seed,
    english_words: Annotated[int, typer.Option(help="vocabulary: the most frequent words of the training text")] = TrainingSettings().english_words,
    french_words: Annotated[int, typer.Option(help="vocabulary: the most frequent French words (spaCy's French vectors' order)")] = TrainingSettings().french_words,
) -> None:
    """Train the event reader (event probability and ACLED sub-type of each sentence) on your ACLED
    export; the pipeline reads it with SITREP_EVENT_MODEL=OUT."""
    ged_files = [p for p, _ in _files(ged or [], "--ged")]
    negative_files = [p for p, _ in _files(negatives or [], "--negatives", XML_SUFFIXES)]
    try:
        notes, skipped, acled_files = _read_acled(_files(acled, "--acled"))
        data = TrainingData(notes=notes,
                            event_sentences=[h for p in ged_files for h in read_ged_headlines(p)],
                            other_sentences=[s for p in negative_files for s in read_news_sentences(p)])
    except CorpusError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(f"train: {len(data.notes)} notes ({skipped} rows skipped: no note or an old label), "
               f"{len(data.event_sentences)} headlines, {len(data.other_sentences)} other sentences", err=True)
    settings = TrainingSettings(seed=seed, english_words=english_words, french_words=french_words)
    try:
        model = train(data, vector_cache=vector_cache, settings=settings)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / MODEL_FILE)
    record = {"command": "sitrep train", "settings": settings.model_dump(), "rows_skipped": skipped,
              "split": "all rows of the given files: evaluation splits are bench/evaluate_model.py's",
              "files": [{"role": role, "name": p.name, "sha256": _sha256(p)}
                        for role, paths in (("acled", acled_files), ("ged", ged_files), ("negatives", negative_files))
                        for p in paths],
              "counts": model.meta}
    (out / TRAINING_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    typer.echo(f"train: wrote {out / MODEL_FILE} ({(out / MODEL_FILE).stat().st_size / 1e6:.1f} MB)", err=True)
