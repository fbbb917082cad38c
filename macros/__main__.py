"""Command line, run from the project folder:

  python -m macros check [ROOT]          validate the data
  python -m macros coverage [ROOT]       print how much of each source text the claims cite
  python -m macros schema [ROOT]         regenerate schema/*.schema.json and CONTRIBUTING.md's data reference
  python -m macros new-source ID FILE    add a source whose text is FILE, with placeholders to fill in

Each exits non-zero on failure; data problems are printed one ``file:line: field: message`` line each.
"""

import sys
from pathlib import Path

from .coverage import coverage, report
from .dataset import load_or_exit
from .reference import write
from .scaffold import Refused, new_source


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("check", [])
    if command == "new-source" and len(args) == 2:
        try:
            written = new_source(Path.cwd(), args[0], Path(args[1]))
        except Refused as refusal:
            print(f"new-source: {refusal}", file=sys.stderr)
            return 1
        print(f"Added source {args[0]!r}; written:", *written, sep="\n  ")
        print(
            "Next: replace every TODO (grep -n TODO data/sources.yml data/topics/*.yml "
            f"docs/sources/{args[0]}.md), then `make check`; `make serve` shows the result."
        )
        return 0
    if command not in ("check", "coverage", "schema") or len(args) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(args[0]) if args else Path.cwd()
    if command == "schema":
        print("\n".join(f"wrote {path.relative_to(root)}" for path in write(root)) or "up to date")
        return 0
    data = load_or_exit(root)
    if command == "check":
        claims = sum(len(data.defined_claims(s)) for s in data.sources)
        print(
            f"data OK: {len(data.sources)} sources, {len(data.topics)} topics, {claims} claims, every quote verified"
        )
        return 0
    print(report(data))
    return 0 if all(coverage(data, s).meets_target for s in data.sources) else 1


sys.exit(main(sys.argv[1:]))
