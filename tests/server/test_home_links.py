"""Under `duban serve` the home page links pages only: the server renders no notebook meant
for JupyterLab (duban.server.app.OwnedPageHandler), so a link to one would be a dead end."""

from __future__ import annotations

from duban.infra.identity import IDENTITY_VARIABLE, SIGN_IN_VARIABLE, identity_token
from duban.infra.signing import server_secret
from duban.models.home import HomeModel
from duban.service.workbook import open_workbook


def _notebooks(model: HomeModel) -> set[str]:
    return {page.notebook for page in model.pages}


def test_the_analysis_notebook_is_linked_in_jupyterlab_but_not_when_served(db_path, monkeypatch):
    open_workbook(db_path, user="admin").add_user("zhou", "周敏", "analyst")
    assert "analysis.ipynb" in _notebooks(HomeModel(open_workbook(db_path, user="zhou")))
    monkeypatch.setenv("DUBAN_DB", str(db_path))
    monkeypatch.setenv(SIGN_IN_VARIABLE, "required")
    monkeypatch.setenv(IDENTITY_VARIABLE, identity_token(server_secret(db_path), "zhou"))
    served = _notebooks(HomeModel(open_workbook()))
    assert "analysis.ipynb" not in served and "progress.ipynb" in served
