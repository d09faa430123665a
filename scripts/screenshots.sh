#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from the running app: Kestrel on a temporary
# database with the sample progress, Debian's Chromium driven by Playwright, the PDF page through pdftoppm.
# Needs: chromium, poppler-utils (pdftoppm), fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in /usr/bin/chromium pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y chromium poppler-utils fonts-noto-cjk)" >&2; exit 1; }
done

dotnet build DxRoadmap.Tests -v q -nologo
# The screenshot test is explicit: a normal `dotnet test` never runs it.
DXROADMAP_REQUIRE_BROWSER=1 dotnet DxRoadmap.Tests/bin/Debug/net10.0/DxRoadmap.Tests.dll \
  -class DxRoadmap.Tests.EndToEnd.ReadmeScreenshots -explicit only
ls -l docs/screenshots/
