# Sourced by the ci_*_packages.sh scripts: install Debian packages, as root or with sudo.
# apt_install LABEL PACKAGE...: installs the packages given (none: says all are present).
apt_install() {
    local label=$1
    shift
    if [ "$#" -eq 0 ]; then
        echo "$label: all present"
        return
    fi
    echo "$label: installing $*"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    if [ -z "${DOCGEN_APT_UPDATED:-}" ]; then
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
        export DOCGEN_APT_UPDATED=1
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}
