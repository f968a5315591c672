"""Write schemas/<type>.schema.json from the models; `--check` fails when one is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen import ACT_TYPES
from docgen.schema import schema_file_text

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def expected_schemas() -> dict[Path, str]:
    """Return the text each schema file must hold."""
    return {
        SCHEMAS / f"{act_type}.schema.json": schema_file_text(act_type) for act_type in ACT_TYPES
    }


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the schema files; return the exit code."""
    stale = []
    for path, text in expected_schemas().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if "--check" in argv:
            stale.append(path.name)
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print("stale schemas, run python scripts/build_schemas.py:", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
