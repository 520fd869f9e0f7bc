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
