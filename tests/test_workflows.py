"""The GitHub Actions workflows keep the promises a reviewer relies on.

Two independent tools check them: zizmor (security audits, offline) and check-jsonschema (the
schemas GitHub's files follow). The tests below them check what the tools do not: which
triggers, which permissions, which actions, and that each language's editions are uploaded."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PULL_REQUEST = GITHUB / "workflows" / "pull-request.yml"
PUBLISH = GITHUB / "workflows" / "publish.yml"
DEPENDABOT = GITHUB / "dependabot.yml"
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
# config.yml configures the template chooser; every other .yml there is an issue form.
ISSUE_CONFIG = sorted(ISSUE_TEMPLATES.glob("config.yml"))
ISSUE_FORMS = [p for p in sorted(ISSUE_TEMPLATES.glob("*.yml")) if p.name != "config.yml"]

PINNED = re.compile(r"^actions/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+(\.\d+){0,2}\s*$")


def tool(name: str) -> Path:
    """A command-line tool installed in the same environment as this Python."""
    found = Path(sys.executable).parent / name
    if not found.exists():
        found = Path(shutil.which(name) or found)
    if not found.exists():
        pytest.skip(f"{name} is not installed (pip install {name})")
    return found


def run(command: list[str | Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=REPO, capture_output=True, text=True,
        timeout=120, check=False,
    )


def report(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def uses(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, step in steps(workflow)
            if step.get("uses", "").split("@")[0] == action]


# --- the independent tools ---------------------------------------------------------------


def test_workflows_exist():
    assert PULL_REQUEST in WORKFLOWS
    assert PUBLISH in WORKFLOWS
    assert DEPENDABOT.exists()


def test_zizmor_finds_nothing():
    zizmor = tool("zizmor")
    result = run([zizmor, "--offline", "--no-progress", "."])
    assert result.returncode == 0, report(result)
    assert "No findings to report" in result.stdout, report(result)


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", p) for p in WORKFLOWS]
    + [("custom.github-workflows-require-timeout", p) for p in WORKFLOWS]
    + [("vendor.dependabot", DEPENDABOT)]
    + [("vendor.github-issue-config", p) for p in ISSUE_CONFIG],
    ids=lambda value: value.relative_to(REPO).as_posix() if isinstance(value, Path) else value,
)
def test_schema(schema: str, path: Path):
    tool("check-jsonschema")
    result = run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path])
    assert result.returncode == 0, report(result)


@pytest.mark.parametrize(
    "path",
    ISSUE_FORMS or [pytest.param(None, marks=pytest.mark.skip(reason="no issue forms yet"))],
    ids=lambda value: value.name if isinstance(value, Path) else "none",
)
def test_issue_form_schema(path: Path):
    tool("check-jsonschema")
    result = run([sys.executable, "-m", "check_jsonschema",
                  "--builtin-schema", "vendor.github-issue-forms", path])
    assert result.returncode == 0, report(result)


# --- the promises the tools do not check ---------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path):
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert "pull_request_target" not in repr(workflow)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_from_actions_and_pinned_by_commit(path: Path):
    workflow = load(path)
    refs = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    assert refs
    for ref in refs:
        assert PINNED.match(ref), f"{path.name}: {ref} is not actions/<name>@<40-hex commit>"
    for job_id, job in workflow["jobs"].items():
        assert "uses" not in job, f"{path.name}: job {job_id} calls a reusable workflow"
    # the version in a trailing comment, which Dependabot updates with the SHA
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if match := USES_LINE.match(line):
            assert VERSION_COMMENT.match(match["rest"]), (
                f"{path.name}:{number}: pin without its version comment: {line.strip()}")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_and_job_limits(path: Path):
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name} has no top-level permissions"
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {job_id}"
        assert str(job["runs-on"]).startswith("ubuntu-"), f"{path.name}: {job_id}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path: Path):
    checkouts = uses(load(path), "actions/checkout")
    for job_id, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {job_id}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_inside_scripts(path: Path):
    """Values reach `run:` scripts through `env:`, never pasted in by `${{ }}`."""
    for job_id, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: {job_id}: {step.get('name')}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_python_is_3_11(path: Path):
    for job_id, step in uses(load(path), "actions/setup-python"):
        assert str(step["with"]["python-version"]) == "3.11", f"{path.name}: {job_id}"


def test_pull_request_workflow_is_read_only():
    workflow = load(PULL_REQUEST)
    assert set(triggers(workflow)) == {"pull_request"}
    assert triggers(workflow)["pull_request"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        for scope, level in (job.get("permissions") or {}).items():
            assert level in ("read", "none"), f"{job_id} asks {scope}: {level}"
    assert "secrets." not in repr(workflow)
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]


def test_pull_request_heavy_jobs_wait_for_what_changed():
    jobs = load(PULL_REQUEST)["jobs"]
    assert set(jobs["changes"]["outputs"]) >= {"book", "languages"}
    for job_id in ("tests", "translation-impact", "editions"):
        assert jobs[job_id]["needs"] == "changes"
        assert jobs[job_id]["if"] == "needs.changes.outputs.book == 'true'"
    runs = {job_id: [step.get("run", "") for step in job["steps"]]
            for job_id, job in jobs.items()}
    assert "make lint" in runs["check"] and "make check ALL=1" in runs["check"]
    assert "make test" in runs["tests"]
    impact = next(s for s in jobs["translation-impact"]["steps"] if "translation-impact" in
                  s.get("run", ""))
    assert impact["env"]["BASE_REF"] == "${{ github.base_ref }}"
    checkout = uses({"jobs": {"t": jobs["translation-impact"]}}, "actions/checkout")
    assert checkout[0][1]["with"]["fetch-depth"] == 0


def test_editions_matrix_uploads_an_artifact_per_language():
    job = load(PULL_REQUEST)["jobs"]["editions"]
    assert job["strategy"]["fail-fast"] is False
    assert job["strategy"]["matrix"]["language"] == (
        "${{ fromJSON(needs.changes.outputs.languages) }}")
    build = next(step for step in job["steps"] if "make all" in step.get("run", ""))
    assert build["env"]["BOOK_LANGUAGE"] == "${{ matrix.language }}"
    [(_, upload)] = uses({"jobs": {"editions": job}}, "actions/upload-artifact")
    options = upload["with"]
    assert options["name"] == "editions-${{ matrix.language }}"
    assert options["path"].splitlines() == [
        f"_build/{edition}/${{{{ matrix.language }}}}/" for edition in ("html", "epub", "pdf")]
    assert options["if-no-files-found"] == "error"
    assert isinstance(options["retention-days"], int)


def test_changes_job_lists_the_languages_of_languages_toml(tmp_path: Path):
    """The inline script that feeds the editions matrix reads locales/languages.toml."""
    [step] = [s for s in load(PULL_REQUEST)["jobs"]["changes"]["steps"]
              if s.get("id") == "languages"]
    output = tmp_path / "output"
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], cwd=REPO, capture_output=True,
        text=True, env={**os.environ, "GITHUB_OUTPUT": str(output)}, timeout=60, check=False)
    assert result.returncode == 0, report(result)
    with (REPO / "locales" / "languages.toml").open("rb") as file:
        codes = [language["code"] for language in tomllib.load(file)["languages"]]
    assert output.read_text(encoding="utf-8").splitlines() == [
        "languages=[" + ", ".join(f'"{code}"' for code in codes) + "]"]


@pytest.mark.parametrize(
    ("changed", "book"),
    [
        ("CONTRIBUTING.md", "false"),
        (".github/ISSUE_TEMPLATE/report-an-error.yml", "false"),
        ("guidebook/chapters/03-strategy.md", "true"),
        ("locales/fr/LC_MESSAGES/index.po", "true"),
        ("requirements.lock", "true"),
        (".github/workflows/pull-request.yml", "true"),
    ],
)
def test_changes_job_tells_the_book_from_the_docs(tmp_path: Path, changed: str, book: str):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    [step] = [s for s in load(PULL_REQUEST)["jobs"]["changes"]["steps"] if s.get("id") == "diff"]
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "base"], check=True)
    (tmp_path / changed).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / changed).write_text("changed\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "change"], check=True)
    output = tmp_path.parent / f"{tmp_path.name}-output"
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path, capture_output=True,
        text=True, timeout=60, check=False,
        env={**os.environ, "GITHUB_OUTPUT": str(output), "BASE_SHA": "HEAD~1",
             "HEAD_SHA": "HEAD"})
    assert result.returncode == 0, report(result)
    assert output.read_text(encoding="utf-8") == f"book={book}\n"


def test_publish_workflow():
    workflow = load(PUBLISH)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert on["push"]["tags"] == ["v*"]
    assert workflow["permissions"] in ({}, {"contents": "read"})
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["release"]["permissions"] == {"contents": "write"}
    assert "refs/tags/v" in jobs["release"]["if"]
    # no dependency cache in a publishing workflow (cache poisoning)
    assert not uses(workflow, "actions/cache")
    for _, step in uses(workflow, "actions/setup-python"):
        assert "cache" not in step.get("with", {})
    build = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert "make" in build
    assert any("_build/html _build/pdf _build/epub _site/" in script for script in build)
    [(_, pages)] = uses(workflow, "actions/upload-pages-artifact")
    assert pages["with"]["path"] == "_site"
    [(_, release_files)] = uses(workflow, "actions/upload-artifact")
    assert release_files["with"]["path"].splitlines() == [
        "_build/pdf/*/*.pdf", "_build/epub/*/*.epub"]
    [(_, attach)] = [(j, s) for j, s in steps(workflow) if "gh release" in s.get("run", "")]
    assert attach["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "--verify-tag" in attach["run"]


def test_dependabot_keeps_the_actions_current():
    ecosystems = {update["package-ecosystem"]: update for update in load(DEPENDABOT)["updates"]}
    assert ecosystems["github-actions"]["schedule"]["interval"] == "weekly"


def test_pre_commit_configuration_is_valid_and_downloads_nothing():
    pre_commit = tool("pre-commit")
    result = run([pre_commit, "validate-config", ".pre-commit-config.yaml"])
    assert result.returncode == 0, report(result)
    config = load(REPO / ".pre-commit-config.yaml")
    # local hooks only: nothing is fetched from the network, the commands are the project's
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    entries = [hook["entry"] for hook in config["repos"][0]["hooks"]]
    assert any("scripts.check.sources" in entry for entry in entries)
    assert any("check-po" in entry for entry in entries)
