"""Known vulnerabilities of the locked requirements: `make audit` (part of `make lint` and CI).

pip-audit asks PyPI's advisory data about each pinned version of requirements/dev.txt (which
holds every package of base.txt too). An advisory that does not concern this site is listed in
requirements/audit-ignore.txt with the reason, one per line: `ID  # why it does not apply`.

Where PyPI's advisory service cannot be reached (a machine with only a package mirror), every
package comes back « skipped »: the audit says so loudly and passes, unless AUDIT_STRICT=1.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "dev.txt"
IGNORE_LIST = HERE / "audit-ignore.txt"


def ignored_ids(text):
    """The advisory ids of the ignore list; a line without a reason is refused."""
    ids = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        advisory, _, reason = entry.partition("#")
        if not reason.strip():
            raise SystemExit(f"{IGNORE_LIST.name}:{number}: say why {advisory.strip()} is ignored.")
        ids.append(advisory.strip())
    return ids


def verdict(report, strict=False):
    """(exit status, lines to print) for pip-audit's JSON report."""
    dependencies = report["dependencies"]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    lines = [
        f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {', '.join(vuln['fix_versions'])})"
        for dep in vulnerable
        for vuln in dep["vulns"]
    ]
    if vulnerable:
        return 1, [*lines, "Upgrade (make lock), or list the advisory in audit-ignore.txt."]
    if not dependencies or len(skipped) == len(dependencies):
        message = "Audit NOT done: PyPI's advisory data could not be reached from this machine."
        return (1 if strict else 0), [message]
    if skipped:
        lines.append(
            f"{len(skipped)} packages could not be checked: "
            + ", ".join(dep["name"] for dep in skipped)
        )
    return 0, [*lines, f"No known vulnerability in {len(dependencies) - len(skipped)} packages."]


def main():
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(REQUIREMENTS),
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    for advisory in ignored_ids(IGNORE_LIST.read_text()):
        command += ["--ignore-vuln", advisory]
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        # Exit status 1 means « vulnerabilities found »: the report says which. A service that
        # hangs counts as one that cannot be reached.
        try:
            subprocess.run(  # noqa: S603
                [*command, "--timeout", "10", "--output", output.name], check=False, timeout=300
            )
        except subprocess.TimeoutExpired:
            print("pip-audit took over 5 minutes: the advisory service is not answering.")
        report = json.loads(Path(output.name).read_text() or '{"dependencies": []}')
    status, lines = verdict(report, strict=os.environ.get("AUDIT_STRICT") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
