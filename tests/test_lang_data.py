"""Language data files and the taxonomy are validated on load: a misspelt key or a value of the
wrong kind is an error naming the file and line, never a rule silently ignored."""
import pytest
from clitools import run_cli

from sitrep.lang import DataFileError, read_validated
from sitrep.lang.schemas import Dates, Taxonomy, Triggers

TRIGGERS = """\
# a comment
entries:
  - id: shelling
    sub_event_type: Shelling/artillery/missile attack
    words: [shell]
  - id: raid
    sub_event_type: Air/drone strike
    requires_targt: true
    words: [raid]
"""


def test_a_misspelt_key_is_an_error_with_its_file_and_line():
    with pytest.raises(DataFileError) as error:
        read_validated(TRIGGERS, Triggers, "lang/xx/triggers.yaml")
    assert error.value.problems == ["lang/xx/triggers.yaml:8: unknown key 'entries.1.requires_targt'"]


def test_a_value_of_the_wrong_kind_and_a_missing_key_are_errors_with_their_lines():
    text = "event_types:\n  Battles:\n    violent: maybe\n    sub_event_types: {}\n  Riots:\n    violent: true\n"
    with pytest.raises(DataFileError) as error:
        read_validated(text, Taxonomy, "data/taxonomy.yaml")
    problems = error.value.problems
    assert problems[0].startswith("data/taxonomy.yaml:3: event_types.Battles.violent: ")
    assert problems[1].startswith("data/taxonomy.yaml:5: event_types.Riots.sub_event_types: Field required")


def test_broken_yaml_is_an_error_with_its_line():
    with pytest.raises(DataFileError) as error:
        read_validated("weekdays: {lundi: 0\nmonths: [", Dates, "lang/xx/dates.yaml")
    assert error.value.problems[0].startswith("lang/xx/dates.yaml:2: not valid YAML")


def test_the_shipped_files_pass_the_check_command():
    out = run_cli("lang", "check")
    assert out.returncode == 0, out.stderr
    assert b"no problems" in out.stderr


def test_a_key_given_twice_is_an_error_not_a_rule_silently_dropped():
    text = "entries:\n  - id: raid\n    sub_event_type: Air/drone strike\n    not_with: [music]\n    words: [raid]\n" \
           "    not_with: [police]\n"
    with pytest.raises(DataFileError) as error:
        read_validated(text, Triggers, "lang/xx/triggers.yaml")
    assert error.value.problems == ["lang/xx/triggers.yaml:6: key 'not_with' given twice (YAML keeps only the last)"]
