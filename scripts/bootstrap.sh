#!/usr/bin/env bash
# Set up a machine for domxml (fresh Debian 12 or an existing checkout) and
# run one task. Safe to run again: each step is skipped when already done.
#
#   bash scripts/bootstrap.sh demo   # install, then run `domxml demo`
#   bash scripts/bootstrap.sh test   # install, then lint, type-check and test
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
STAMP="$VENV/.domxml-bootstrap-stamp"

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian packages domxml needs, one per line. libvirt0 is libvirt's client
# library: it installs libvirt's schemas in /usr/share/libvirt/schemas (9.0.0
# on Debian 12), the schema set `domxml validate` and the demo use by default;
# libxml2-utils brings xmllint, which bench/validate.py compares against.
# libvirt-dev, pkg-config, gcc and python3-dev build the libvirt Python binding
# (libvirt-python) for the apply layer; the daemon, the QEMU driver, QEMU and
# OVMF are what its integration tests run against (tests/libvirtd.py).
# ovmf also installs the firmware descriptors (/usr/share/qemu/firmware) that
# tests/test_firmware_*.py resolve against. The builder's tests (domxml.build)
# define guests with an emulated TPM (swtpm) and aarch64 guests
# (qemu-system-arm; libvirt 9.0 picks their UEFI firmware when they start,
# not when they are defined), and read libosinfo's database (osinfo-db).
# Not qemu-efi-aarch64: Debian 12's names a Secure Boot image it does not
# ship (AAVMF_CODE.secboot.fd), which tests/test_firmware_descriptors.py
# rightly reports. virtinst is what tests/test_build_virtinstall.py compares
# the builder with (virt-install --print-xml).
# The other kinds apply tests/test_apply_kinds_libvirtd.py applies to the
# daemon need no more driver packages: on Debian 12, libvirt-daemon itself
# holds the secret, nwfilter, network, interface (udev backend: read only;
# Debian has no netcf), nodedev and storage drivers (dpkg -L libvirt-daemon:
# .../libvirt/connection-driver/libvirt_driver_{secret,nwfilter,...}.so),
# and libvirt-daemon-driver-qemu the QEMU one. A filter binding is
# instantiated by running ebtables and iptables (the nwfilter driver's
# ebiptables backend): ebtables and iptables, which nothing else pulls in
# without libvirt-daemon-system. The binding test makes its port device, a
# veth pair, with ip (iproute2).
required_apt_packages() {
    cat <<'PACKAGES'
python3
python3-venv
python3-pip
libxml2-utils
libvirt0
libvirt-dev
pkg-config
gcc
python3-dev
libvirt-daemon
libvirt-daemon-driver-qemu
libvirt-clients
ebtables
iptables
iproute2
qemu-system-x86
qemu-utils
ovmf
swtpm
swtpm-tools
qemu-system-arm
osinfo-db
virtinst
PACKAGES
}

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

ensure_apt_packages() {
    local missing=() package
    while read -r package; do
        is_installed "$package" || missing+=("$package")
    done < <(required_apt_packages)
    if ((${#missing[@]} == 0)); then
        return
    fi
    command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get"
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "missing packages ${missing[*]}: run as root"
        sudo=(sudo)
    fi
    log "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        log "creating $VENV"
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$VENV has Python < 3.11; remove it and run again"
}

# Reinstall only when pyproject.toml changed since the last install (the
# install is editable, so source changes need none).
ensure_installed() {
    local wanted
    wanted="$(sha256sum "$REPO/pyproject.toml" | cut -d' ' -f1)"
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$wanted" ]] \
        && "$VENV/bin/python" -m pip show -q domxml >/dev/null 2>&1; then
        return
    fi
    log "installing domxml and its development tools into $VENV"
    "$VENV/bin/python" -m pip install -q -e "$REPO[dev]"
    printf '%s\n' "$wanted" >"$STAMP"
}

# libvirt-python is built from PyPI against the system's libvirt (libvirt-dev):
# it has no wheels, and the binding must match the libvirt it runs with.
ensure_libvirt_python() {
    if "$VENV/bin/python" -c 'import libvirt' >/dev/null 2>&1; then
        return
    fi
    log "building libvirt-python into $VENV"
    "$VENV/bin/python" -m pip install -q libvirt-python
}

# The main job: the bundled examples round-trip and validate, then a VM
# built in Python is validated, planned and applied to libvirt's embedded
# test driver (test:///default), and planned again: unchanged.
run_demo() {
    "$VENV/bin/domxml" demo
    echo
    "$VENV/bin/python" "$REPO/examples/apply_vm.py"
}

FAILED_CHECKS=()

# run_check TOOL ARGS...: run one check from the venv; remember a failure.
run_check() {
    local status=0
    log "$*"
    "$VENV/bin/$1" "${@:2}" || status=$?
    if [[ "$1" == pytest ]] && ((status == 5)); then
        log "pytest collected no tests: that counts as a failure"
    fi
    if ((status != 0)); then
        FAILED_CHECKS+=("$* (exit $status)")
    fi
}

# Every check runs, so that one report shows all that is wrong.
run_tests() {
    run_check ruff check .
    run_check ruff format --check .
    run_check mypy --strict src
    run_check pytest -q
    if ((${#FAILED_CHECKS[@]})); then
        log "FAILED: ${FAILED_CHECKS[*]}"
        return 1
    fi
    log "all checks passed"
}

main() {
    local task="${1:-}"
    case "$task" in
        demo | test) ;;
        *)
            printf 'usage: bash scripts/bootstrap.sh demo|test\n' >&2
            exit 2
            ;;
    esac
    cd "$REPO"
    ensure_apt_packages
    ensure_venv
    ensure_installed
    ensure_libvirt_python
    case "$task" in
        demo) run_demo ;;
        test) run_tests ;;
    esac
}

main "$@"
