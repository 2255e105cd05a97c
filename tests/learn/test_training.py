"""Training end to end on a few hundred synthetic ACLED-like rows written here (no ACLED row is in
the repository): the command writes a model the scorer loads, and the model learned the kinds."""
from __future__ import annotations

import csv
import gzip
import json
import random
import re

import pytest
from clitools import run_cli

from sitrep.learn.corpus import CorpusError, read_acled, read_ged_headlines, read_news_sentences
from sitrep.learn.scorer import event_scorer

KINDS = {
    ("Protests", "Peaceful protest"): ["{n} residents marched peacefully in {p} demanding {d}",
                                       "Hundreds of teachers demonstrated in {p} calling for {d}"],
    ("Violence against civilians", "Attack"): ["Gunmen attacked villagers in {p}, killing {n} farmers",
                                               "Unidentified assailants shot {n} civilians dead near {p}"],
    ("Battles", "Armed clash"): ["Soldiers clashed with rebels near {p}; {n} fighters were killed",
                                 "Militants and the army exchanged fire for hours outside {p}"],
    ("Explosions/Remote violence", "Air/drone strike"): ["Warplanes bombed a market in {p}, {n} dead",
                                                         "A drone strike hit a convoy near {p}"],
}
PLACES = ["Northtown", "Lakeside", "Hill Village", "Riverside", "Eastport", "Redwood"]
DEMANDS = ["higher wages", "clean water", "new schools", "fair elections"]
OTHER = ["The council approved a new budget for the library on {p} street.",
         "Local farmers expect a good harvest after the spring rains in {p}.",
         "The school board met on Tuesday to discuss bus routes in {p}.",
         "A new bakery opened downtown in {p}, the mayor said."]


def write_acled(path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    columns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes", "region_group", "country"]
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for n in range(rows):
            (etype, sub), templates = rng.choice(list(KINDS.items()))
            text = rng.choice(templates).format(n=rng.randint(2, 40), p=rng.choice(PLACES), d=rng.choice(DEMANDS))
            writer.writerow({"event_id_cnty": f"XYZ{n}", "event_date": f"2020-0{1 + n % 9}-1{n % 9}",
                             "event_type": etype, "sub_event_type": sub,
                             "notes": f"On 1{n % 9} May 2020, {text}. {n % 3} fatalities.",
                             "region_group": "Testland", "country": "Testland"})


def write_news(path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
    body = "".join(f"<article><title>Local news of the day {n}</title><text><![CDATA["
                   + " ".join(rng.choice(OTHER).format(p=rng.choice(PLACES)) for _ in range(5))
                   + "]]></text></article>" for n in range(articles))
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><articles>{body}</articles>', encoding="utf-8")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    write_acled(folder / "export.csv.gz", 400, seed=1)
    write_news(folder / "news.xml", 60, seed=2)
    result = run_cli("train", "--acled", str(folder / "export.csv.gz"), "--negatives", str(folder / "news.xml"),
                     "--out", str(folder / "model"), "--english-words", "400", "--french-words", "150",
                     "--vector-cache", str(folder / "vectors.npz"), timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    return folder


def test_the_command_writes_a_model_and_its_record(trained):
    record = json.loads((trained / "model" / "training.json").read_text())
    assert [f["name"] for f in record["files"]] == ["export.csv.gz", "news.xml"]
    assert all(len(f["sha256"]) == 64 for f in record["files"])
    assert record["counts"]["notes"] == 400 and record["settings"]["seed"] == 17


def test_the_trained_model_reads_new_sentences_of_the_kinds_it_saw(trained):
    scorer = event_scorer(trained / "model")
    scores = scorer.score(["Hundreds of nurses marched peacefully in Lakeside demanding better pay.",
                           "Gunmen attacked villagers in Redwood, killing 7 farmers.",
                           "The school board met to discuss the library budget."], "en")
    assert scores[0].sub_event_type == "Peaceful protest"
    assert scores[1].sub_event_type == "Attack"
    assert scores[0].event_probability > 0.5 and scores[1].event_probability > 0.5
    assert scores[2].event_probability < 0.5


def test_training_again_gives_the_same_model(trained, tmp_path):
    result = run_cli("train", "--acled", str(trained / "export.csv.gz"), "--negatives", str(trained / "news.xml"),
                     "--out", str(tmp_path), "--english-words", "400", "--french-words", "150",
                     "--vector-cache", str(trained / "vectors.npz"), timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "event-model.npz").read_bytes() == (trained / "model" / "event-model.npz").read_bytes()


def test_a_file_that_is_not_an_acled_export_is_a_usage_error(tmp_path):
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = run_cli("train", "--acled", str(tmp_path / "other.csv"), "--out", str(tmp_path / "m"))
    assert result.returncode == 2
    message = " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr.decode()).split())  # Rich draws a box
    assert "other.csv: not an ACLED export" in message
    with pytest.raises(CorpusError):
        read_acled(tmp_path / "other.csv")


def test_rows_with_unknown_or_old_labels_are_counted_not_kept(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("event_type,sub_event_type,notes,event_date\n"
                    "Battles,Armed clash,Rebels fought the army.,2020-01-01\n"
                    "Remote violence,,Shells fell on the town.,2015-01-01\n"
                    "Battles,Picnic,Soldiers ate lunch.,2020-01-01\n"
                    "Battles,Armed clash,,2020-01-01\n", encoding="utf-8")
    notes, skipped = read_acled(path)
    assert [n.text for n in notes] == ["Rebels fought the army."] and skipped == 3


def test_ged_headlines_are_split_and_report_titles_dropped(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text('id,source_headline\n1,"Rebels kill five soldiers in the north;Army says town retaken from rebels"\n'
                    '2,Monthly report 2019\n3,"Rebels kill five soldiers in the north"\n', encoding="utf-8")
    assert read_ged_headlines(path) == ["Rebels kill five soldiers in the north", "Army says town retaken from rebels"]


def test_news_sentences_come_from_titles_and_texts(tmp_path):
    write_news(tmp_path / "news.xml", 2, seed=3)
    found = read_news_sentences(tmp_path / "news.xml")
    assert found[0] == "Local news of the day 0"
    assert len(found) == 2 * (1 + 5)
