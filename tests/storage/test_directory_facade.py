"""The directory part of the GUI's facade on SQLite and PostgreSQL: plain rows, caches that follow edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import PermissionDenied
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workspace import Workspace


@pytest.fixture
def workspace(database: Database, admin: User) -> Workspace:
    workspace = Workspace(database, admin)
    workspace.directory.save_official(None, surname="Тарасюк", given_name="Юрій", precedence=10,
                            position="начальник Коростенської районної військової адміністрації")
    workspace.directory.save_official(None, surname="Харченко", given_name="Олена", precedence=20,
                            position="заступниця голови обласної ради", organization="Житомирська обласна рада")
    return workspace


def test_empty_search_lists_the_most_senior_first(workspace: Workspace) -> None:
    assert [row.surname for row in workspace.directory.search_officials("")] == ["Тарасюк", "Харченко"]
    assert [row.surname for row in workspace.directory.search_officials("", limit=1)] == ["Тарасюк"]


def test_search_sees_edits_made_through_the_facade_at_once(workspace: Workspace) -> None:
    harchenko = workspace.directory.search_officials("харченко")[0]
    assert harchenko.organization == "Житомирська обласна рада" and harchenko.gender == "feminine"
    workspace.directory.save_official(harchenko.id, organization="Житомирська обласна військова адміністрація")
    assert workspace.directory.search_officials("харченко")[0].organization == "Житомирська обласна військова адміністрація"
    workspace.directory.deactivate_official(harchenko.id)
    assert workspace.directory.search_officials("харченко") == []
    assert [row.active for row in workspace.directory.search_officials("харченко", include_inactive=True)] == [False]


def test_search_sees_another_workstations_edit_after_a_refresh(workspace: Workspace, database: Database,
                                                               admin: User) -> None:
    assert workspace.directory.warm_directory() == 2
    other = Workspace(database, admin)
    other.directory.save_official(None, surname="Кириченко", given_name="Сергій", position="заступник начальника")
    workspace.directory.refresh_directory()
    assert [row.surname for row in workspace.directory.search_officials("кириченко")] == ["Кириченко"]


def test_forms_show_the_corrections_by_hand(workspace: Workspace) -> None:
    official_id = workspace.directory.search_officials("тарасюк")[0].id
    workspace.directory.set_form_override(official_id, "dative", "Юрієві Тарасюкові")
    forms = workspace.directory.official_forms(official_id)
    assert forms.names["dative"] == "Юрієві Тарасюкові" and forms.is_corrected("name", "dative")
    assert forms.positions["genitive"] == "начальника Коростенської районної військової адміністрації"
    assert not forms.is_corrected("position", "genitive")


def test_import_preview_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "officials.csv"
    path.write_text("surname,given_name,position\nМельник,Андрій,директор департаменту\n,Ірина,начальниця\n",
                    encoding="utf-8")
    report = workspace.directory.import_preview(path)
    assert (report.imported, report.updated, [row for row, _ in report.refused]) == (1, 0, [3])
    assert workspace.directory.search_officials("мельник") == []
    workspace.directory.import_file(path)
    assert [row.surname for row in workspace.directory.search_officials("мельник")] == ["Мельник"]


def test_an_author_adds_but_does_not_edit(database: Database, workspace: Workspace, author: User) -> None:
    press_officer = Workspace(database, author)
    person = press_officer.directory.add_ad_hoc("Оксана", "Шевчук", "директорка ліцею", save=True)
    assert person.official_id is not None and person.gender == "feminine"
    with pytest.raises(PermissionDenied):
        press_officer.directory.save_official(person.official_id, position="директорка гімназії")
    group = press_officer.directory.add_ad_hoc_group("представники громадськості", save=False)
    assert group.plural and group.form("instrumental") == "представниками громадськості"
