"""Command line: ``python -m macros check`` validates the data; ``python -m macros coverage`` prints the coverage report.

Both exit non-zero on failure, printing one ``file:line: field: message`` line per problem.
"""

import sys
from pathlib import Path

from .coverage import coverage, report
from .dataset import load_or_exit


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command not in ("check", "coverage"):
        print(__doc__, file=sys.stderr)
        return 2
    data = load_or_exit(Path(argv[1]) if len(argv) > 1 else Path.cwd())
    if command == "check":
        claims = sum(len(data.defined_claims(s)) for s in data.sources)
        print(
            f"data OK: {len(data.sources)} sources, {len(data.topics)} topics, {claims} claims, every quote verified"
        )
        return 0
    print(report(data))
    return 0 if all(coverage(data, s).meets_target for s in data.sources) else 1


sys.exit(main(sys.argv[1:]))
