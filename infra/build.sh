#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with the Bicep CLI from NuGet
# (Azure.Bicep.CommandLine.linux-x64, pinned in infra/tools/bicep.proj). Fails on any error
# or warning, and checks that main.parameters.json names only parameters main.bicep declares.
# Quiet on success. Needs: dotnet SDK, jq. Network: NuGet only, and only on the first run.
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$infra")"
proj="$infra/tools/bicep.proj"

version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$proj")"
if [[ -z "$version" ]]; then
  echo "infra/build.sh: cannot read the Bicep version from $proj" >&2
  exit 1
fi

packages="$(dotnet nuget locals global-packages --list --force-english-output | sed -n 's/^global-packages: //p')"
packages="${packages%/}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -x "$bicep" ]]; then
  restore_log="$(mktemp)"
  if ! dotnet restore "$proj" --nologo -v quiet >"$restore_log" 2>&1; then
    cat "$restore_log" >&2
    rm -f "$restore_log"
    echo "infra/build.sh: restoring the Bicep CLI $version from NuGet failed" >&2
    exit 1
  fi
  rm -f "$restore_log"
  # NuGet extracts files without the execute bit on some setups.
  [[ -x "$bicep" ]] || chmod +x "$bicep" 2>/dev/null || true
fi
if [[ ! -x "$bicep" ]]; then
  echo "infra/build.sh: no Bicep CLI at $bicep after restore" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1

cd "$repo"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

failed=0
diagnostics="$out/diagnostics.txt"
: >"$diagnostics"

# run LABEL CMD...: runs a Bicep command and keeps its stderr. A non-zero exit code, or any
# Warning/Error diagnostic line (bicep lint exits 0 on warnings), is a failure.
run() {
  local label="$1"
  shift
  local log="$out/step.log" rc=0
  "$@" >"$out/step.out" 2>"$log" || rc=$?
  if [[ $rc -ne 0 ]] || grep -Eq '(^|[ :])(Warning|Error) ' "$log"; then
    failed=1
    { echo "== $label (exit code $rc)"; cat "$log"; } >>"$diagnostics"
  fi
}

# Entry points: every main.bicep outside modules/ (infra/main.bicep for azd, and samples such
# as infra/containerapps/main.bicep). Modules are compiled through them and linted one by one.
mapfile -t entries < <(find infra -name main.bicep -not -path '*/modules/*' -not -path '*/tools/*' | sort)
mapfile -t sources < <(find infra -name '*.bicep' -not -path '*/tools/*' | sort)
if [[ ${#entries[@]} -eq 0 ]]; then
  echo "infra/build.sh: no main.bicep entry point under infra/" >&2
  exit 1
fi

for entry in "${entries[@]}"; do
  name="$(echo "${entry#infra/}" | tr '/' '_')"
  run "bicep build $entry" "$bicep" build "$entry" --outfile "$out/${name%.bicep}.json"
done
# One process lints every file, modules included (rules such as no-unused-params are per file).
run "bicep lint infra/**/*.bicep" "$bicep" lint --pattern 'infra/**/*.bicep'

# Every parameter azd passes must exist in the template, and every template parameter without
# a default must be passed (otherwise azd would prompt for it, or the deployment would fail).
if [[ $failed -eq 0 && -f infra/main.parameters.json ]]; then
  template="$out/main.json"
  extra="$(jq -r --slurpfile t "$template" '
      (.parameters | keys) - ($t[0].parameters | keys) | .[]' infra/main.parameters.json)"
  missing="$(jq -r --slurpfile p infra/main.parameters.json '
      [.parameters | to_entries[] | select(.value | has("defaultValue") | not) | .key]
      - ($p[0].parameters | keys) | .[]' "$template")"
  if [[ -n "$extra" || -n "$missing" ]]; then
    failed=1
    {
      echo "== infra/main.parameters.json"
      [[ -n "$extra" ]] && echo "not declared in main.bicep: $extra"
      [[ -n "$missing" ]] && echo "required by main.bicep but not passed: $missing"
    } >>"$diagnostics"
  fi
fi

if [[ $failed -ne 0 ]]; then
  cat "$diagnostics" >&2
  echo "bicep: FAILED (Bicep CLI $version) - fix every error and warning above" >&2
  exit 1
fi

echo "bicep: ${entries[*]} compiled clean, ${#sources[@]} files linted (0 warnings, Bicep CLI $version)"
