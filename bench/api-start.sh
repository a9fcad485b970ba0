#!/usr/bin/env bash
# How long the upload API takes from process launch to its first 200 on /health, without and with
# the start-up flags of Dockerfile.api's ENTRYPOINT, and what C1-only compilation costs an upload
# once the JVM is warm. Prints markdown tables (docs/deploy.md, "Start time", holds a run).
#
#   ./mvnw -B -q -pl upload-api,embedded -am package -DskipTests
#   bench/api-start.sh [runs per variant, default 10] [uploads per variant, default 300]
#
# Needs bash 5 (EPOCHREALTIME), curl, and java >= 21 on JAVA_HOME or PATH. The upload part runs only
# if embedded/target/filepipe-embedded.jar exists.
set -euo pipefail
export LC_ALL=C # a dot in EPOCHREALTIME and in curl's timings
cd "$(dirname "$0")/.."

runs=${1:-10}
uploads=${2:-300}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d "${TMPDIR:-/tmp}/filepipe-api-start.XXXXXX")
trap 'rm -rf "$work"' EXIT
port=18080

# the image's layout: the jar with its lib/ beside it
[ -f upload-api/target/filepipe-upload-api.jar ] || { echo "package upload-api first (see the header)" >&2; exit 1; }
mkdir -p "$work/app"
cp -p upload-api/target/filepipe-upload-api.jar "$work/app/"
cp -rp upload-api/target/lib "$work/app/lib"

c1_serial="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
appcds="$c1_serial -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/app/filepipe-upload-api.jsa"

# Placeholder settings, as in the image's training run: nothing is contacted at start.
placeholders() {
  export FILEPIPE_TABLE=bench FILEPIPE_BUCKET=bench FILEPIPE_AUDIENCE=bench FILEPIPE_ISSUER=http://127.0.0.1:9 \
         AWS_REGION=us-east-1 FILEPIPE_BIND_HOST=127.0.0.1 PORT=$port
}

status() { # PATH: the status code of a GET, nothing while the port is closed
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  local code=""
  read -r _ code _ <&3 || true
  exec 3<&-
  echo "$code"
}

start_api() { # FLAGS: starts the API in the background, sets $api
  # shellcheck disable=SC2086 # the flags are words
  "$java" $1 -jar "$work/app/filepipe-upload-api.jar" >>"$work/api.log" 2>&1 &
  api=$!
}

stop_api() {
  kill -TERM "$api"
  wait "$api" || true
}

start_ms() { # FLAGS: milliseconds from launch to the first 200 on /health
  local t0 t1
  t0=$EPOCHREALTIME
  start_api "$1"
  until [ "$(status /health)" = 200 ]; do sleep 0.002; done
  t1=$EPOCHREALTIME
  stop_api
  echo $(( (${t1/./} - ${t0/./}) / 1000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

measure() { # NAME FLAGS
  start_ms "$2" >/dev/null # warms the file cache (and, with AppCDS, writes the archive: the training run)
  local times=()
  for ((i = 0; i < runs; i++)); do times+=("$(start_ms "$2")"); done
  printf '| %s | %s | %s |\n' "$1" "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${times[@]}" | sort -n | paste -sd' ' -)"
}

echo "upload API start, $runs runs each; $("$java" -version 2>&1 | head -1); $(nproc) cores; $(date -u +%F)"
echo
echo "| flags | median ms | all runs (ms) |"
echo "|---|---|---|"
(placeholders; measure "none (java -jar)" ""; measure "$c1_serial" "$c1_serial"; measure "$c1_serial + AppCDS" "$appcds")

backends=embedded/target/filepipe-embedded.jar
[ -f "$backends" ] || { echo; echo "(no $backends: upload latency skipped)"; exit 0; }

# Warm upload latency: DynamoDB Local, the S3 server and the issuer in a JVM of their own.
"$java" -jar "$backends" "$work/backends" 18000 18900 19100 >"$work/backends.log" 2>&1 &
backends_pid=$!
trap 'kill -TERM $backends_pid 2>/dev/null; wait $backends_pid 2>/dev/null; rm -rf "$work"' EXIT
until grep -q '^export TOKEN=' "$work/backends.log"; do sleep 0.2; done
eval "$(grep '^export ' "$work/backends.log")"
head -c 1000000 /dev/urandom | base64 -w0 | { printf '{"file_name":"bench.bin","file_data":"'; cat; printf '"}'; } >"$work/upload.json"

upload_ms() { # FLAGS: median ms of the second half of $uploads 1 MB uploads
  (
    export FILEPIPE_TABLE=bench FILEPIPE_BUCKET=bench FILEPIPE_CREATE_RESOURCES=true FILEPIPE_BIND_HOST=127.0.0.1 PORT=$port
    start_api "$1"
    until [ "$(status /health)" = 200 ]; do sleep 0.01; done
    for ((i = 0; i < uploads; i++)); do
      curl -s -o /dev/null -w '%{time_total}\n' -X POST "http://127.0.0.1:$port/upload" -H "Authorization: $TOKEN" \
        -H 'Content-Type: application/json' --data-binary "@$work/upload.json"
    done | tail -n $((uploads / 2)) | awk '{ print int($1 * 1000) }' | median
    stop_api
  )
}

echo
echo "warm POST /upload of 1 MB (median of the last $((uploads / 2)) of $uploads, local backends)"
echo
echo "| flags | median ms |"
echo "|---|---|"
printf '| none | %s |\n' "$(upload_ms "")"
printf '| %s | %s |\n' "$c1_serial" "$(upload_ms "$c1_serial")"
