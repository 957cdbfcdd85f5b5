"""No runtime dependency may be under the GPL or the AGPL (the LGPL is fine).

Reads the licence of every distribution in the runtime lock (requirements/runtime.txt) from its
installed metadata: the SPDX `License-Expression`, else the `License` field and the licence
classifiers. A distribution offered under several licences passes when one of them is acceptable
(pyphen: GPL, LGPL or MPL); one whose licence says nothing at all fails, to be reviewed by hand.

    .venv/bin/python scripts/licences.py      (also `make licences`, .ci/run and a test)
"""

import re
import sys
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"

# GPL and AGPL in SPDX ids, licence fields and classifiers; "LGPL", "Lesser" and "Library" are not.
STRONG_COPYLEFT = re.compile(
    r"\b(A?GPL(v?\d|-\d|\b)|(Affero )?General Public License)", re.IGNORECASE
)
WEAK_COPYLEFT = re.compile(r"\b(LGPL|Lesser|Library)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    name: str
    licence: str
    problem: str

    def __str__(self) -> str:
        return f"{self.name}: {self.problem} ({self.licence or 'no licence metadata'})"


def locked_names(lock: Path = RUNTIME_LOCK) -> list[str]:
    """The distribution names pinned in a lock file written by pip-compile."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock.read_text(), re.MULTILINE)
    return sorted(set(pins), key=str.lower)


def is_strong_copyleft(licence: str) -> bool:
    return bool(STRONG_COPYLEFT.search(licence)) and not WEAK_COPYLEFT.search(licence)


def offered_licences(meta: Message) -> list[list[str]]:
    """The licences a distribution may be used under: alternatives, each a list that all apply."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        alternatives = re.split(r"\s+OR\s+", expression.replace("(", " ").replace(")", " "))
        return [re.split(r"\s+AND\s+", alternative.strip()) for alternative in alternatives]
    classifiers = [
        classifier.split(" :: ")[-1]
        for classifier in meta.get_all("Classifier") or []
        if classifier.startswith("License :: ") and classifier != "License :: OSI Approved"
    ]
    if classifiers:
        return [[classifier] for classifier in classifiers]
    field = (meta.get("License") or "").strip()
    return [[field.splitlines()[0]]] if field else []


def check(name: str, meta: Message) -> Finding | None:
    offered = offered_licences(meta)
    shown = " | ".join(" AND ".join(licences) for licences in offered)
    if not offered:
        return Finding(name, "", "says nothing about its licence: review it and pin it by hand")
    if all(any(is_strong_copyleft(licence) for licence in licences) for licences in offered):
        return Finding(name, shown, "GPL or AGPL, which the portal cannot ship")
    return None


def findings(names: list[str]) -> list[Finding]:
    found = []
    for name in names:
        try:
            meta = metadata(name)
        except PackageNotFoundError:
            found.append(Finding(name, "", "is in the lock but not installed (make install)"))
            continue
        finding = check(name, meta)
        if finding:
            found.append(finding)
    return found


def main() -> int:
    names = locked_names()
    found = findings(names)
    for finding in found:
        print(finding, file=sys.stderr)
    if not found:
        print(f"{len(names)} runtime dependencies, none under the GPL or the AGPL.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
