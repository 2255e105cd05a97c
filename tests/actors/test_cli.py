"""`sitrep actors list|show|search|check` through the real CLI app."""
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


def test_check_passes_on_shipped_data():
    result = runner.invoke(app, ["actors", "check"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_show_resolves_an_alias_for_a_date():
    result = runner.invoke(app, ["actors", "show", "front al-Nosra", "--on", "2016-09-24"])
    assert result.exit_code == 0, result.output
    assert "name: Jabhat Fateh al-Sham" in result.output
    assert "member of: Jaish al-Fateh" in result.output
    assert "renamed to: HTS: Hayat Tahrir al-Sham on 2017-01-28" in result.output


def test_show_a_source_and_an_unknown_key():
    result = runner.invoke(app, ["actors", "show", "OSDH"])
    assert result.exit_code == 0 and "kind: monitor" in result.output
    missing = runner.invoke(app, ["actors", "show", "no such group"])
    assert missing.exit_code == 1


def test_search_ignores_case_and_accents():
    result = runner.invoke(app, ["actors", "search", "JAISH AL FATEH"])
    assert result.exit_code == 0
    assert "jaish_al_fateh" in result.output
    assert runner.invoke(app, ["actors", "search", "zzzz"]).exit_code == 1


def test_list_filters_by_country_and_lists_sources():
    actors = runner.invoke(app, ["actors", "list", "--country", "Afghanistan", "--on", "2020-03-01"])
    assert actors.exit_code == 0
    assert "Military Forces of Afghanistan (2014-2021)" in actors.output and "Taliban" in actors.output
    assert "Ahrar al-Sham" not in actors.output
    sources = runner.invoke(app, ["actors", "list", "--sources"])
    assert "Syrian Observatory for Human Rights" in sources.output
