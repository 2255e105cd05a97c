"""`sitrep extract --vague-tolls`: a vague toll ("dozens") is null by default, ACLED's conventional
figure on request (SITREP_VAGUE_TOLLS, which the option sets for the worker processes too)."""
import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.stages.fatalities import VAGUE_TOLLS_VARIABLE

TEXT = "Des hommes armés ont attaqué le village de Sokoura mardi, tuant des dizaines de civils."
runner = CliRunner()


def _tolls(*options: str) -> list:
    out = runner.invoke(app, ["extract", "-", "--published", "2023-05-10", "--lang", "fr", *options], input=TEXT)
    assert out.exit_code == 0, out.output
    return [json.loads(line)["fatalities"] for line in out.stdout.splitlines() if line.strip()]


def test_a_vague_toll_is_null_unless_acleds_convention_is_asked_for(monkeypatch):
    monkeypatch.delenv(VAGUE_TOLLS_VARIABLE, raising=False)
    assert _tolls() == [None]
    monkeypatch.setenv(VAGUE_TOLLS_VARIABLE, "null")  # restored after the test: the option sets it
    assert _tolls("--vague-tolls", "acled") == [12]


def test_an_unknown_convention_is_refused():
    out = runner.invoke(app, ["extract", "-", "--vague-tolls", "guess"], input=TEXT)
    assert out.exit_code != 0 and "vague-tolls" in out.output
