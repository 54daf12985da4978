#!/bin/sh
# Renders the Summary sheet of output/salo-2021.xlsx to tests/readme/salo-2021-summary.png,
# the picture in README.md: LibreOffice prints the workbook to PDF, pdftoppm takes page 1.
#   make run && tests/readme/render-summary.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/tests/install-debs.sh" poppler-utils libreoffice-calc-nogui
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
    --outdir "$tmp" "$root/output/salo-2021.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/salo-2021.pdf" "$tmp/summary"
cp "$tmp/summary.png" "$root/tests/readme/salo-2021-summary.png"
echo "wrote tests/readme/salo-2021-summary.png"
