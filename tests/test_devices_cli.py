"""`assistant devices …` and device commands through `assistant ask`, as real processes on a
real home (virtual adapter, SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

pytestmark = pytest.mark.slow

HOME_FILE = """\
- id: desk
  name: desk lamp
  kind: light
  room: office
  floor: upstairs
  aliases: [work light]
- id: fan
  name: ceiling fan
  kind: fan
  room: bedroom
  floor: upstairs
- id: side_gate
  name: side gate
  kind: lock
  room: garden
"""


def devices(home: Path) -> dict[str, dict]:
    result = run(home, "devices", "--json")
    assert result.returncode == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_the_demo_home_is_listed_with_its_state(home):
    listed = devices(home)
    assert len(listed) > 15
    lamp = listed["kitchen_lights"]
    assert lamp["state"]["on"] is True and lamp["available"] is True
    assert listed["front_door_lock"]["exposed"] is False  # locks are not exposed by default
    table = run(home, "devices").stdout
    assert "front_door_lock" in table and "[not exposed]" in table


def test_import_then_add_rename_flag_and_remove(home, tmp_path):
    path = tmp_path / "home.yaml"
    path.write_text(HOME_FILE)
    imported = run(home, "devices", "import", str(path), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == {
        "devices": 3, "rooms": ["bedroom", "garden", "office"], "unavailable": []}  # fmt: skip
    listed = devices(home)
    assert set(listed) == {"desk", "fan", "side_gate"}  # the demo home is replaced
    assert listed["desk"]["aliases"] == ["work light"] and listed["desk"]["floor"] == "upstairs"
    assert listed["side_gate"]["exposed"] is False and listed["side_gate"]["sensitive"] is True

    added = run(home, "devices", "add", "porch", "porch light", "--kind", "light",
                "--room", "porch", "--alias", "front light", "--json")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert run(home, "devices", "rename", "fan", "bedroom fan").returncode == 0
    assert run(home, "devices", "expose", "side_gate").returncode == 0
    assert run(home, "devices", "trusted", "side_gate").returncode == 0
    listed = devices(home)
    assert listed["porch"]["aliases"] == ["front light"] and listed["porch"]["state"]["on"] is False
    assert listed["fan"]["name"] == "bedroom fan"
    assert listed["side_gate"]["exposed"] is True and listed["side_gate"]["sensitive"] is False

    removed = run(home, "devices", "remove", "porch", "--json")
    assert [d["id"] for d in json.loads(removed.stdout)["removed"]] == ["porch"]
    unknown = run(home, "devices", "remove", "porch")
    assert unknown.returncode != 0 and len(unknown.stderr.strip().splitlines()) == 1
    assert "porch" in unknown.stderr
    assert set(devices(home)) == {"desk", "fan", "side_gate"}


def test_a_bad_file_names_its_line_and_changes_nothing(home, tmp_path):
    before = devices(home)
    path = tmp_path / "home.yaml"
    path.write_text(HOME_FILE + "- id: tv\n  name: tv\n  kind: media_player\n  colour: red\n")
    result = run(home, "devices", "import", str(path))
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert "home.yaml line 19: unknown key 'colour'" in line, line
    assert devices(home).keys() == before.keys()


def test_asking_acts_refuses_and_leaves_an_audit(trained):
    home = trained
    reply = json.loads(run(home, "ask", "--json", "turn off the kitchen lights").stdout)
    assert reply["intent"] == "device.off", reply
    assert [a["device"] for a in reply["actions"]] == ["kitchen_lights"]
    assert devices(home)["kitchen_lights"]["state"]["on"] is False

    refused = json.loads(run(home, "ask", "--json", "unlock the front door").stdout)
    assert refused["actions"] == [] or all(a["result"] != "done" for a in refused["actions"])
    assert devices(home)["front_door_lock"]["state"]["locked"] is True

    [row] = json.loads(run(home, "devices", "log", "--json").stdout)
    assert row["device_id"] == "kitchen_lights" and row["result"] == "done"
    assert row["old_state"]["on"] is True and row["new_state"]["on"] is False
    assert row["requester"] == "turn off the kitchen lights" and row["turn_id"]
    turns = json.loads(run(home, "log", "--json").stdout)
    assert row["turn_id"] in {t["id"] for t in turns}
    assert "kitchen_lights" in run(home, "devices", "log").stdout
