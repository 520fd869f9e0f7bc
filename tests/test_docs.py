"""The README documents what the planner offers: every command, every rule, every setting."""

import re
from pathlib import Path

from raci.analysis.rules import RULES
from raci.analysis.settings import Settings
from raci.cli import _parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_has_exactly_the_two_set_up_commands():
    commands = re.findall(r"```bash\n(.*?)\n```", README.split("## The app")[0], flags=re.S)
    assert commands == [
        "pip install -r requirements.txt && streamlit run raci_app.py",
        "pip install -r requirements-dev.txt && python -m pytest",
    ]


def test_ci_runs_the_readmes_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "\npip install -r requirements-dev.txt && python -m pytest\n" in ci


def test_every_command_is_documented():
    subcommands = _parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in subcommands:
        assert f"python -m raci {name}" in README, name


def test_every_rule_and_setting_is_documented():
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.severity} |" in README
    for name in Settings().to_dict():
        assert f"| `{name}` |" in README


def test_the_layout_names_every_subpackage_of_the_domain():
    layout = README.split("## Layout")[1].split("\n## ")[0]
    root = Path(__file__).resolve().parents[1] / "raci"
    for package in sorted(p.parent.name for p in root.glob("*/__init__.py")):
        assert f"raci/{package}/" in layout, package


def test_secrets_stay_out_of_the_repository_and_the_protections_stay_on():
    root = Path(__file__).resolve().parents[1]
    assert ".streamlit/secrets.toml" in (root / ".gitignore").read_text().splitlines()
    config = (root / ".streamlit" / "config.toml").read_text()
    assert "enableXsrfProtection = true" in config and "enableCORS = true" in config
    assert "frame-ancestors" in README and "--server.address 127.0.0.1" in README


def test_every_limit_is_in_the_readmes_limits_table_with_its_value():
    from raci import limits as plan_limits
    from raci.files import limits as file_limits

    table = README.split("## Limits")[1].split("\n## ")[0]
    values = {
        "MAX_TASKS": plan_limits.MAX_TASKS, "MAX_ROLES": plan_limits.MAX_ROLES, "MAX_CELLS": plan_limits.MAX_CELLS,
        "MAX_NAME_CHARS": plan_limits.MAX_NAME_CHARS, "MAX_EFFORT_HOURS": int(plan_limits.MAX_EFFORT_HOURS),
        "MAX_SHARED_STRINGS": file_limits.MAX_SHARED_STRINGS, "MAX_ROWS": file_limits.MAX_ROWS,
        "MAX_COLUMNS": file_limits.MAX_COLUMNS, "MAX_GRID_CELLS": file_limits.MAX_GRID_CELLS,
        "MAX_CELL_CHARS": file_limits.MAX_CELL_CHARS,
    }
    for name, value in values.items():
        assert re.search(rf"`{name}`.*\| {value:,} \|", table), name
    assert f"| {file_limits.MAX_FILE_BYTES // 2**20} MB |" in table
    assert f"{file_limits.UNZIPPED_LIMIT_FACTOR} x the file limit" in table
    assert f"at most {file_limits.MAX_UNZIPPED_BYTES // 2**20} MB" in table
