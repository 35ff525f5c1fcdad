#!/usr/bin/env bash
# Local demo: Azurite, a local mail inbox (maildev) and the engine on http://localhost:7071 (or
# $ASPNETCORE_URLS), with two live demo polls, the English one with a discount-code offer. Ctrl-C
# stops whatever this script started.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:7071}
base=${ASPNETCORE_URLS%%;*}
base=${base/\/\/0.0.0.0/\/\/localhost}; base=${base/\/\/+/\/\/localhost}; base=${base/\/\/\*/\/\/localhost}

pids=()
cleanup() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo; echo "Stopping ${#pids[@]} process(es) started by run.sh"
    kill "${pids[@]}" 2>/dev/null || true
    # Azurite closes its services on SIGTERM but its process can linger: give it 5 s, then end it.
    for _ in $(seq 1 25); do
      alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
      [ $alive = 0 ] && break; sleep 0.2
    done
    kill -9 "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap cleanup INT TERM EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

echo "== Installing what is missing"
[ -f node_modules/azurite/dist/src/azurite.js ] && [ -f node_modules/maildev/dist/bin/maildev.js ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build src/CampaignEngine -c Release -nologo -v:q -clp:ErrorsOnly

# The admin key and the secrets are generated once and kept in the git-ignored local.settings.json.
if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  node -e '
    const fs = require("fs"), crypto = require("crypto");
    const s = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
    s.Values.CampaignEngine__AdminApiKey = "ce_" + crypto.randomBytes(24).toString("base64url");
    s.Values.CampaignEngine__CookieSecret = crypto.randomBytes(32).toString("base64url");
    s.Values.Contacts__KeySecret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync("local.settings.json", JSON.stringify(s, null, 2) + "\n");'
  echo "Created local.settings.json with a new admin key"
fi
# A local.settings.json from before contact keys had a secret gets one (the engine refuses to start without it).
node -e '
  const fs = require("fs"), crypto = require("crypto");
  const s = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
  const key = s.Values.Contacts__KeySecret;
  if (!key || key.startsWith("replace-me")) {
    s.Values.Contacts__KeySecret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync("local.settings.json", JSON.stringify(s, null, 2) + "\n");
    console.log("Added a contact key secret to local.settings.json; contacts stored before keep their old keys until POST /api/admin/contacts/rekey");
  }'
# A local.settings.json from before offers gets the local mail settings (maildev on 1025).
node -e '
  const fs = require("fs");
  const s = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
  const sample = JSON.parse(fs.readFileSync("local.settings.sample.json", "utf8"));
  if (s.Values.Email__Host === undefined) {
    for (const [k, v] of Object.entries(sample.Values)) if (k.startsWith("Email__")) s.Values[k] = v;
    fs.writeFileSync("local.settings.json", JSON.stringify(s, null, 2) + "\n");
    console.log("Added the local mail settings (maildev) to local.settings.json");
  }'
if [ -n "${CampaignEngine__AdminApiKey:-}" ]; then
  admin_key=$CampaignEngine__AdminApiKey
else
  admin_key=$(node -p 'JSON.parse(require("fs").readFileSync("local.settings.json", "utf8")).Values.CampaignEngine__AdminApiKey')
fi

echo "== Storage"
# Blob (10000) holds images, queue (10001) and table (10002) the rest; UseDevelopmentStorage=true names all three.
if listening 10000 && listening 10001 && listening 10002; then
  echo "Reusing the Azurite already listening on 10000/10001/10002"
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose --disableTelemetry --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do listening 10002 && listening 10001 && listening 10000 && break; sleep 0.2; done
  listening 10002 || { echo "Azurite did not start; see .azurite/azurite.log"; exit 1; }
  echo "Started Azurite (data in .azurite/)"
fi

echo "== Mail"
# The demo's offer mail goes to a local maildev: SMTP on 1025, its web inbox on 1080.
if listening 1025 && listening 1080; then
  echo "Reusing the mail server already listening on 1025/1080"
else
  mkdir -p .maildev
  node node_modules/maildev/dist/bin/maildev.js --smtp 1025 --web 1080 --ip 127.0.0.1 --web-ip 127.0.0.1 --silent > .maildev/maildev.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do listening 1025 && listening 1080 && break; sleep 0.2; done
  listening 1080 || { echo "maildev did not start; see .maildev/maildev.log"; exit 1; }
  echo "Started maildev (inbox at http://localhost:1080)"
fi

echo "== Engine on $base"
CampaignStorage=${CampaignStorage:-UseDevelopmentStorage=true} \
  dotnet src/CampaignEngine/bin/Release/net10.0/CampaignEngine.dll --contentRoot "$root" &
pids+=($!)
for _ in $(seq 1 150); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "The engine exited; see its output above"; exit 1; }
  sleep 0.2
done
curl -fs "$base/healthz" >/dev/null || { echo "The engine did not become healthy"; exit 1; }

api() { curl -fsS -H "Authorization: Bearer $admin_key" -H "Content-Type: application/json" "$@"; }
seed() {
  local slug=$1 body=$2
  if ! curl -fs -o /dev/null -H "Authorization: Bearer $admin_key" "$base/api/campaigns/$slug"; then
    api -X POST "$base/api/campaigns" -d "$body" >/dev/null
  fi
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $admin_key" "$base/api/campaigns/$slug/publish"
}
# Contacts stored under an older key (before Contacts__KeySecret existed) move to their current key; a no-op otherwise.
token=""
for _ in $(seq 1 100); do
  report=$(api -X POST "$base/api/admin/contacts/rekey?max=10000${token:+&continuationToken=$token}") || break
  token=$(node -e 'const r = JSON.parse(process.argv[1]); if (r.rekeyed + r.merged > 0) console.error(`Rekeyed ${r.rekeyed + r.merged} contacts`); console.log(r.done ? "" : r.continuationToken)' "$report")
  [ -z "$token" ] && break
done
seed demo-flavour '{"slug":"demo-flavour","kind":"poll","locale":"en","title":"Which flavour should we launch next?",
  "description":"Vote for the doughnut you want in stores this spring.",
  "options":[{"id":"maple","label":"Maple pecan"},{"id":"matcha","label":"Matcha cream"},{"id":"berry","label":"Wild berry jam"}],
  "contact":{"mode":"optional","consentText":"Email me a discount code and news from Demo Donuts. I can unsubscribe at any time."}}'
# The English poll's follow-up offer: a code for every fan who ticks the box, redeemed in store with PIN 1234.
if ! curl -fs -o /dev/null -H "Authorization: Bearer $admin_key" "$base/api/campaigns/demo-flavour/offer"; then
  api -X PUT "$base/api/campaigns/demo-flavour/offer" -d '{"subject":"Your Demo Donuts discount code",
    "message":"Thank you for voting{{ if name != \"\" }}, {{ name }}{{ end }}!\n\nShow this code at any Demo Donuts shop for 20% off your next box: {{ code }}",
    "staffPin":"1234"}' >/dev/null
  api -X POST "$base/api/campaigns/demo-flavour/offer/codes/generate" -d '{"count":500,"pattern":"DONUT-####-####"}' >/dev/null
fi
seed demo-flavour-he '{"slug":"demo-flavour-he","kind":"poll","locale":"he","title":"איזה טעם נשיק בפעם הבאה?",
  "description":"הצביעו לסופגנייה שאתם רוצים לראות בחנויות.",
  "options":[{"id":"halva","label":"חלבה ופיסטוק"},{"id":"dulce","label":"דולסה דה לצ׳ה"},{"id":"berry","label":"ריבת פירות יער"}]}'

cat <<MSG

CampaignEngine is running.
  English poll   $base/c/demo-flavour
    results      $base/c/demo-flavour/results
    QR code      $base/c/demo-flavour/qr.png   ($base/c/demo-flavour/qr.svg)
  Hebrew poll    $base/c/demo-flavour-he
    results      $base/c/demo-flavour-he/results
    QR code      $base/c/demo-flavour-he/qr.png
  Mail inbox     http://localhost:1080   (tick the box on the English poll: its discount code arrives here; staff PIN 1234)
  Front page     $base/
  API reference  $base/docs   (OpenAPI: $base/openapi/v1.json)
  Admin key      $admin_key
    e.g.  curl -H "Authorization: Bearer $admin_key" $base/api/campaigns

Press Ctrl-C to stop.
MSG
wait "${pids[-1]}"
