#!/usr/bin/env bash
# System packages the tests need, installed only when missing (Debian/Ubuntu, run as root or
# with sudo): LibreOffice Writer for PDF output, poppler-utils (pdftotext) to read the PDFs
# back, and fonts that cover Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і): Liberation 2 stands in for
# Times New Roman and Arial, DejaVu is the fallback.
set -euo pipefail
# shellcheck source=ci_apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/ci_apt.sh"

need=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 \
    || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# python3-uno: the UNO bridge the PDF converters drive a running LibreOffice through (with
# Debian's python3, see docgen/pdf.py).
for package in fonts-liberation2 fonts-dejavu-core python3-uno; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || need+=("$package")
done

apt_install "system packages" "${need[@]}"

# Kazakh letters must be covered by a font LibreOffice will use for Times New Roman.
for code in 04d9 0493 049b 04a3 04e9 04b1 04af 04bb 0456; do
    if ! fc-list ":charset=$code" family | grep -q .; then
        echo "no installed font covers U+$code (Kazakh Cyrillic)" >&2
        exit 1
    fi
done
