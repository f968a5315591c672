#!/usr/bin/env bash
# Refresh constraints.txt: resolve the newest releases of every dependency (all extras) in a
# throwaway virtual environment and pin them. CI and the README install with `-c constraints.txt`,
# so every machine gets exactly these versions until this script is run again.
#   bash scripts/lock.sh && git diff constraints.txt
set -euo pipefail
cd "$(dirname "$0")/.."
env_dir=$(mktemp -d)
trap 'rm -rf "$env_dir"' EXIT
python3 -m venv "$env_dir"
"$env_dir/bin/pip" install -q --upgrade pip
"$env_dir/bin/pip" install -q '.[test,serve,postgres]'
{
    echo "# Pinned versions of every dependency, refreshed by: bash scripts/lock.sh"
    "$env_dir/bin/pip" freeze --exclude-editable | grep -v -i '^docgen[ =@]' | LC_ALL=C sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"
