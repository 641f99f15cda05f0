#!/usr/bin/env bash
# Installs what clausemap needs on this machine, then its npm dependencies.
# On Debian/Ubuntu: Chromium (prints the PDF report), poppler-utils (reads PDFs back, rasterises scans),
# Tesseract (reads scanned contracts), antiword and unrtf (Word 97-2003 and RTF), redis-server (the job
# queue's tests) and fonts for CJK and right-to-left text, when missing. Elsewhere, `npm ci` lets
# Puppeteer download its own browser.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
if command -v apt-get >/dev/null 2>&1; then
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
  command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-eng)
  command -v antiword >/dev/null 2>&1 || need+=(antiword)
  command -v unrtf >/dev/null 2>&1 || need+=(unrtf)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  fonts=$(fc-list 2>/dev/null || true)
  grep -qi 'Noto Sans CJK' <<<"$fonts" || need+=(fonts-noto-cjk)
  grep -qi 'Noto Sans Arabic\|Noto Naskh Arabic' <<<"$fonts" || need+=(fonts-noto-core)
  grep -qi 'DejaVu' <<<"$fonts" || need+=(fonts-dejavu-core)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "clausemap setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "clausemap setup: apt-get install ${need[*]} failed; install them by hand and run again" >&2; exit 1; }
fi

npm ci --no-audit --no-fund || { echo "clausemap setup: npm ci failed" >&2; exit 1; }
