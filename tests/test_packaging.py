"""The built wheel carries templates/ and playbooks/, and the installed program finds them."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_the_demo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("exitplan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "exitplan/_shipped/templates/exit-plan.md.j2" in names
    assert any(n.startswith("exitplan/_shipped/playbooks/") for n in names)
    assert "exitplan/data/sample-inventory.json" in names

    # A fresh environment that sees this one's dependencies (so no download is needed),
    # but not its editable exitplan: the wheel's copy must be the one that runs. A plain
    # path in a .pth file comes after the environment's own site-packages and does not
    # run this environment's editable-install hook.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    own_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    parent_site = sysconfig.get_paths()["purelib"]
    Path(own_site, "parent-deps.pth").write_text(parent_site + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    located = subprocess.run(
        [str(python), "-c", "import exitplan; print(exitplan.__file__)"],
        cwd=work, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert located.startswith(str(env_dir)), located
    result = subprocess.run(
        [str(env_dir / "bin" / "exitplan"), "demo", "--out", "plan"],
        cwd=work, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (work / "plan" / "exit-plan.md").is_file()
    assert list((work / "plan" / "runbooks").glob("*.md"))
    assert (work / "plan" / "inventory.json").is_file()
    # The connectors come from the wheel's entry points, as a third party's would.
    listed = subprocess.run(
        [str(env_dir / "bin" / "exitplan"), "scan", "--help"],
        cwd=work, capture_output=True, text=True,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.split("Commands:")[1].splitlines()[1:]] == [
        "aws", "azure", "gcp"
    ]  # fmt: skip
