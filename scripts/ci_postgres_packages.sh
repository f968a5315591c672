#!/usr/bin/env bash
# PostgreSQL server programs for the registry tests, installed only when missing (Debian/Ubuntu,
# run as root or with sudo). The tests start a throwaway cluster of their own with initdb and
# pg_ctl from /usr/lib/postgresql/<version>/bin; the package's own cluster is not used.
set -euo pipefail
# shellcheck source=ci_apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/ci_apt.sh"

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
fi
apt_install "PostgreSQL" "${need[@]}"

if [ -z "${DOCGEN_POSTGRES_BIN:-}" ]; then
    DOCGEN_POSTGRES_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
    export DOCGEN_POSTGRES_BIN
fi
echo "PostgreSQL programs: $DOCGEN_POSTGRES_BIN"
