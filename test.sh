#!/usr/bin/env bash
# Runs the whole test suite on a fresh clone: installs what is missing, checks the Bicep,
# builds, runs unit + integration + browser tests, and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

say "Installing what is missing"
if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ ! -f node_modules/maildev/dist/bin/maildev.js ]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-noto-core)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v zip >/dev/null 2>&1 || missing+=(zip)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
fi

passed=0; failed=0

say "Compiling the Bicep (infra/)"
if bash infra/build.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: infra/build.sh"; fi

say "Building"
dotnet build CampaignEngine.sln -c Debug -nologo -clp:ErrorsOnly -v:q || { echo "0 passed, 1 failed"; exit 1; }

say "Packaging for Azure Functions (publish.sh)"
# Before the tests, so the deployment tests reuse this zip instead of publishing mid-run.
if ./publish.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: publish.sh"; fi

say "Testing"
mkdir -p TestResults
log=TestResults/dotnet-test.log
dotnet test CampaignEngine.sln --no-build -nologo --logger "trx" --results-directory TestResults 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 72, Skipped: 0, Total: 72, ..."
while read -r f p; do
  failed=$((failed + f)); passed=$((passed + p))
done < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" \
          | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\1 \2/')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the runner failed without reporting a failed test (crash, build problem)
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
