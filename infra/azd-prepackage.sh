#!/usr/bin/env bash
# azd `prepackage` hook for the `engine` service (azure.yaml).
# Builds the Functions package with ./publish.sh and unpacks it into the folder azd zips and
# deploys (artifacts/azd/engine). unzip restores the Unix permission bits stored in the zip,
# so the custom-handler executable stays executable (recent azd keeps them when it re-zips).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

package="artifacts/publish/campaign-engine.zip"
out="artifacts/azd/engine"

if [[ ! -x ./publish.sh ]]; then
  echo "azd-prepackage: ./publish.sh is missing or not executable" >&2
  exit 1
fi
./publish.sh

if [[ ! -f "$package" ]]; then
  echo "azd-prepackage: ./publish.sh did not produce $package" >&2
  exit 1
fi
if ! command -v unzip >/dev/null 2>&1; then
  echo "azd-prepackage: unzip is required (apt-get install unzip / brew install unzip)" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
unzip -q "$package" -d "$out"

if [[ ! -f "$out/host.json" ]]; then
  echo "azd-prepackage: $package has no host.json at its root; Azure Functions would find no functions" >&2
  exit 1
fi
echo "azd-prepackage: $out ready ($(find "$out" -type f | wc -l) files)"
