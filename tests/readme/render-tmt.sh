#!/bin/sh
# Renders the TMT sheet of the Pori workbook (SPEC §7.6) to the two pictures in
# README.md: LibreOffice prints the workbook to PDF; pdftoppm takes the page that opens
# with the sheet's title (the table) and the page after it (the chart, cropped).
#   make && tests/readme/render-tmt.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/tests/install-debs.sh" poppler-utils libreoffice-calc-nogui
"$root/tkk" run -q -o "$tmp" "$root/scenarios/pori-tmt-2005-2014.ini"
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
    --outdir "$tmp" "$tmp/pori-tmt-2005-2014.xlsx" >/dev/null
pdf="$tmp/pori-tmt-2005-2014.pdf"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
page=1
while [ "$page" -le "$pages" ]; do
    if pdftotext -f "$page" -l "$page" "$pdf" - | grep -qx "Työmarkkinatuen kuntaosuus (TMT-maksut)"; then
        break
    fi
    page=$((page + 1))
done
pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$pdf" "$tmp/sheet"
pdftoppm -png -r 80 -f $((page + 1)) -l $((page + 1)) -singlefile -x 40 -y 65 -W 560 -H 190 \
    "$pdf" "$tmp/chart"
cp "$tmp/sheet.png" "$root/tests/readme/pori-tmt-sheet.png"
cp "$tmp/chart.png" "$root/tests/readme/pori-tmt-chart.png"
echo "wrote tests/readme/pori-tmt-sheet.png and tests/readme/pori-tmt-chart.png"
