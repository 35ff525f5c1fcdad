#!/usr/bin/env bash
# A/B of the accept side alone between git revisions: the same load on each build, interleaved
# round by round, so a noisy machine slows both alike. Per round and build it starts a fresh
# Azurite (queue and table services as separate processes, in memory), the engine in Release with
# its queue listener and timers off, warms it up, then runs wrk (bench/wrk/votes.lua, 64
# connections, distinct voters) and reads the engine's CPU time from /proc.
#
#   bench/ab.sh [--rounds N] [--seconds S] [--tally] [--limits] REV...     e.g. bench/ab.sh c6b0938 HEAD
#
# --limits measures what the campaign's network limits cost, on each build: every vote comes with its
# own X-Forwarded-For address (as through a proxy), and each round runs a poll with the limits off
# ("<commit>/off") and one with the default limits ("<commit>/on"), so the load generator's work is the
# same on both sides and only the limits differ. The per-IP rate limiter is off for both.
#
# --tally keeps the engine's queue listener on, so the tally runs in the same process as under
# ./bench.sh's per-connection levels; CPU per vote then counts Azurite's processes too.
#
# Prints one line per round and build, then the median per build and each build's ratio to the
# first. CPU per accepted vote is the figure to compare: votes/s moves with whatever else the
# machine runs, CPU per vote much less. Builds land in artifacts/ab/<commit>/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
rounds=4
seconds=15
listener=false
variants=(plain)
# With nothing draining the queue, the backlog rule would only measure itself; with the tally on, the engine's default.
backlog=0
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --tally) listener=true; backlog=100; shift ;;
    --limits) variants=(off on); shift ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: bench/ab.sh [--rounds N] [--seconds S] [--tally] [--limits] REV..." >&2; exit 2; }
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }; }
[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund --loglevel=error

azurite=$repo/node_modules/azurite/dist/src
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
results=$(mktemp)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$results"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
wait_for() { for _ in $(seq 1 150); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
wait_for_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; return 1; }

declare -A dll
names=()
for rev in "$@"; do
  commit=$(git rev-parse --short "$rev")
  out=$repo/artifacts/ab/$commit
  if [ ! -f "$out/CampaignEngine.dll" ]; then
    echo "== building $rev ($commit)"
    tree=$(mktemp -d)
    git worktree add -q --detach "$tree" "$commit"
    dotnet build "$tree/src/CampaignEngine" -c Release -nologo -v:q -clp:ErrorsOnly -o "$out" >/dev/null
    git worktree remove --force "$tree"
  fi
  dll[$commit]=$out/CampaignEngine.dll
  names+=("$commit")
done

# create_poll BASE SLUG [VARIANT]: "off" turns the network limits off; otherwise the defaults hold.
create_poll() {
  local protection=""
  [ "${3:-}" = off ] && protection=',"protection":{"perAddress":null,"perNetwork":null}'
  curl -sf -H "Authorization: Bearer abkey" -H 'Content-Type: application/json' "$1/api/campaigns" \
    -d "{\"slug\":\"$2\",\"kind\":\"poll\",\"title\":\"A/B $2\",\"options\":[{\"id\":\"o1\",\"label\":\"A\"},{\"id\":\"o2\",\"label\":\"B\"},{\"id\":\"o3\",\"label\":\"C\"},{\"id\":\"o4\",\"label\":\"D\"}]$protection}" >/dev/null
  curl -sf -X POST -H "Authorization: Bearer abkey" "$1/api/campaigns/$2/publish" >/dev/null
}

echo "== $rounds rounds of ${seconds} s per build, 64 connections"
labels=()
for name in "${names[@]}"; do for variant in "${variants[@]}"; do labels+=("$name$( [ "$variant" = plain ] || echo "/$variant")"); done; done
flags=$( [ "${variants[0]}" = plain ] || echo xff )
for round in $(seq 1 "$rounds"); do
  for label in "${labels[@]}"; do
    name=${label%%/*}
    variant=$( [ "$label" = "$name" ] && echo plain || echo "${label#*/}" )
    queue_port=$(free_port); table_port=$(free_port); engine_port=$(free_port)
    common=(--silent --skipApiVersionCheck --loose --inMemoryPersistence --disableTelemetry)
    node "$azurite/queue/main.js" "${common[@]}" --queueHost 127.0.0.1 --queuePort "$queue_port" >/dev/null 2>&1 & queue_pid=$!
    node "$azurite/table/main.js" "${common[@]}" --tableHost 127.0.0.1 --tablePort "$table_port" >/dev/null 2>&1 & table_pid=$!
    pids+=("$queue_pid" "$table_pid")
    # The engine would start anyway and keep retrying, but its first seconds would then differ between builds.
    wait_for_port "$queue_port"
    wait_for_port "$table_port"
    storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
    dir=$(dirname "${dll[$name]}")
    env CampaignStorage="$storage" Storage__Prefix=ab CampaignEngine__AdminApiKey=abkey \
      CampaignEngine__CookieSecret=ab-cookie-secret-ab-cookie-secret Contacts__KeySecret=ab-contact-key-secret-ab-contact-key \
      DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$engine_port" \
      QueueListener__Enabled=$listener Timers__Enabled=false RateLimits__Enabled=$( [ "$variant" = plain ] && echo true || echo false ) GroupCommit__BacklogMessages=$backlog Logging__LogLevel__Default=Warning \
      dotnet "${dll[$name]}" --contentRoot "$dir" >"$repo/artifacts/ab/engine-$name.log" 2>&1 & engine_pid=$!
    pids+=("$engine_pid")
    base=http://127.0.0.1:$engine_port
    wait_for "$base/healthz"
    create_poll "$base" warm "$variant"
    create_poll "$base" bench "$variant"
    wrk -t2 -c64 -d5s -s bench/wrk/votes.lua "$base" -- warm 4 seconds 4 $flags >/dev/null 2>&1 || true
    before=$(( $(cpu_ticks "$engine_pid") + $( [ "$listener" = true ] && echo $(( $(cpu_ticks "$queue_pid") + $(cpu_ticks "$table_pid") )) || echo 0) ))
    line=$(wrk -t2 -c64 -d$((seconds + 10))s -s bench/wrk/votes.lua "$base" -- bench 4 seconds "$seconds" $flags 2>&1 | grep BENCH || true)
    after=$(( $(cpu_ticks "$engine_pid") + $( [ "$listener" = true ] && echo $(( $(cpu_ticks "$queue_pid") + $(cpu_ticks "$table_pid") )) || echo 0) ))
    kill "$engine_pid" "$queue_pid" "$table_pid" 2>/dev/null || true
    wait "$engine_pid" "$queue_pid" "$table_pid" 2>/dev/null || true
    accepted=$(sed -nE 's/.*accepted=([0-9]+).*/\1/p' <<<"$line")
    p99=$(sed -nE 's/.*p99=([0-9]+).*/\1/p' <<<"$line")
    [ -n "$accepted" ] || { echo "round $round $label: wrk printed no figures" >&2; continue; }
    # Builds with the outbox write a group to the table too when the queue is slow to answer: say so per round.
    outbox=$(grep -c "did not answer within" "$repo/artifacts/ab/engine-$name.log" || true)
    python3 - "$round" "$label" "$accepted" "$p99" "$before" "$after" "$seconds" "$outbox" <<'EOF' | tee -a "$results"
import sys
rnd, name, accepted, p99, before, after, seconds, outbox = sys.argv[1:]
cpu = (int(after) - int(before)) / 100
accepted = int(accepted)
load = open("/proc/loadavg").read().split()[0]
print(f"{rnd} {name} accepted/s={accepted / int(seconds):.0f} cpu_us/vote={cpu / accepted * 1e6:.1f} p99_ms={int(p99) / 1000:.1f} load={load} queue_stalls={outbox}")
EOF
  done
done

echo "== medians"
python3 - "$results" "${labels[@]}" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
names = sys.argv[2:]
def median(name, field):
    return statistics.median(float(r[i].split("=")[1]) for r in rows if r[1] == name for i in range(2, len(r)) if r[i].startswith(field + "="))
first = {f: median(names[0], f) for f in ("accepted/s", "cpu_us/vote")}
for name in names:
    rate, cpu = median(name, "accepted/s"), median(name, "cpu_us/vote")
    print(f"{name}: accepted/s {rate:.0f} ({rate / first['accepted/s']:.2f}x), cpu per vote {cpu:.1f} us ({cpu / first['cpu_us/vote']:.2f}x)")
EOF
