#!/bin/sh
# Renders the README pictures of salo-2021's appendix: the Summary sheet and the Funding
# sheet's two pages, as `tkk run --pdf --sheets Yhteenveto,Rahoitus` prints them with
# LibreOffice (SPEC §7.1), page by page to PNG with pdftoppm:
#   tests/readme/salo-2021-summary.png, salo-2021-funding-1.png, salo-2021-funding-2.png
#   make && tests/readme/render-summary.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/tests/install-debs.sh" poppler-utils libreoffice-calc-nogui
cd "$root"
./tkk run -q --pdf --sheets Yhteenveto,Rahoitus -o "$tmp" scenarios/salo-2021.ini
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/salo-2021.pdf" "$tmp/summary"
pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$tmp/salo-2021.pdf" "$tmp/funding-1"
pdftoppm -png -r 80 -f 3 -l 3 -singlefile "$tmp/salo-2021.pdf" "$tmp/funding-2"
cp "$tmp/summary.png" tests/readme/salo-2021-summary.png
cp "$tmp/funding-1.png" tests/readme/salo-2021-funding-1.png
cp "$tmp/funding-2.png" tests/readme/salo-2021-funding-2.png
echo "wrote tests/readme/salo-2021-summary.png, salo-2021-funding-1.png, salo-2021-funding-2.png"
