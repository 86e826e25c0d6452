#!/usr/bin/env bash
# Benchmark of `aiact batch` (release build): every row of the performance targets in one run.
#
#   bench/run.sh                                  # N = 10 000, 100 000 and 1 000 000
#   BIG=200000 bench/run.sh                       # a smaller "large" inventory
#   BASELINE=/path/to/older/aiact bench/run.sh    # the same rows with another build, side by side
#                                                 # (not for the large inventory)
#   SMALL=200 MID=1000 BIG=2000 bench/run.sh      # a quick check that every row runs
#   BENCH_TIMER="TIMER -n 5" bench/run.sh         # each row under a timer of whole commands
#
# BENCH_TIMER names a timer that runs a whole command given after `--` several times and prints
# its own figures (medians of wall, CPU and peak memory); with BASELINE set it is given
# `--vs 'BASELINE ARGS'` as well, to run the two builds in turns and pair them. Its output is
# printed as it is, under a heading per row. Without it, each row runs once under
# /usr/bin/time -v and the figures are put in one table.
#
# Inventories come from `examples/gen_inventory.rs` (seeded): the 17 systems of
# examples/municipality.toml repeated, every copy with its own id, name and owner and its answers
# varied (changed, unknown, left out), in pretty JSON, single-line JSON, JSON Lines, CSV with `;`
# and TOML; and the Dutch algorithm register sample repeated, as imported (no answers yet, so
# every system is undetermined with all its open questions).
#
# Each case is run once under /usr/bin/time -v: wall time, CPU time (user + system), peak memory
# (maximum resident set size), cores used (CPU / wall), and, against the parse-only floor
# (`--parse-only`: read the inventory and check every answer, no assessment, no output), the
# ratio of wall times. Figures depend on the machine and its load: the first line says both.
set -euo pipefail
cd "$(dirname "$0")/.."
MID=${MID:-100000}
SMALL=${SMALL:-10000}
BIG=${BIG:-1000000}
DIR=${BENCH_DIR:-target/bench}
AS_OF=2026-12-01
mkdir -p "$DIR"
cargo build --release --quiet --bin aiact --example gen_inventory
BIN=target/release/aiact
GEN=target/release/examples/gen_inventory

measure() { # BIN ARGS... -> "wall cpu peak_mb"
  /usr/bin/time -v "$@" > /dev/null 2> "$DIR/time.txt" || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, m / 1024 }' "$DIR/time.txt"
}

input() { # N KIND -> path (generated once)
  local file="$DIR/inv-$1.$2"
  [ -s "$file" ] || "$GEN" "$1" "$2" > "$file"
  echo "$file"
}

format_of() { case "$1" in json1) echo json ;; register) echo jsonl ;; *) echo "$1" ;; esac; }

# Whether the baseline runs this row: not for the large inventory, and single-line JSON only
# for the small one (quadratic before).
with_baseline() { # N KIND
  [ -n "${BASELINE:-}" ] && [ "$1" -lt "$BIG" ] && { [ "$2" != json1 ] || [ "$1" -le "$SMALL" ]; }
}

# One row under BENCH_TIMER: N KIND OUTPUT [floor]
timed_row() {
  local n=$1 kind=$2 out=$3 file fmt timer
  file=$(input "$n" "$kind")
  fmt=$(format_of "$kind")
  read -ra timer <<< "$BENCH_TIMER"
  local args=(--as-of "$AS_OF" batch "$file" --input-format "$fmt")
  echo "### $n systems, $kind -> $out"
  if with_baseline "$n" "$kind"; then
    "${timer[@]}" --vs "$BASELINE ${args[*]} --format $out" -- "$BIN" "${args[@]}" --format "$out"
  else
    "${timer[@]}" -- "$BIN" "${args[@]}" --format "$out"
  fi
  if [ "${4:-}" = floor ]; then
    echo "### $n systems, $kind, parse-only floor"
    "${timer[@]}" -- "$BIN" "${args[@]}" --parse-only
  fi
  echo
}

# One row: N KIND OUTPUT [floor]
row() {
  if [ -n "${BENCH_TIMER:-}" ]; then
    timed_row "$@"
    return
  fi
  local n=$1 kind=$2 out=$3 file fmt w c m pw pc pm ratio bw bc bm
  file=$(input "$n" "$kind")
  fmt=$(format_of "$kind")
  read -r w c m < <(measure "$BIN" --as-of "$AS_OF" batch "$file" --input-format "$fmt" --format "$out")
  ratio="-"
  if [ "${4:-}" = floor ]; then
    read -r pw pc pm < <(measure "$BIN" --as-of "$AS_OF" batch "$file" --input-format "$fmt" --parse-only)
    ratio=$(awk -v w="$w" -v p="$pw" 'BEGIN { printf "%.1fx (floor %.2f s)", (p > 0 ? w / p : 0), p }')
  fi
  local before="-"
  if with_baseline "$n" "$kind"; then
    read -r bw bc bm < <(measure "$BASELINE" --as-of "$AS_OF" batch "$file" --input-format "$fmt" --format "$out")
    before="$bw s, $bc s CPU, $bm MB"
  fi
  awk -v n="$n" -v k="$kind" -v o="$out" -v w="$w" -v c="$c" -v m="$m" -v r="$ratio" -v b="$before" 'BEGIN {
    printf "| %d | %s | %s | %.2f | %.2f | %.0f | %.1f | %.0f | %s | %s |\n",
      n, k, o, w, c, c * 1e6 / n, (w > 0 ? c / w : 0), m, r, b }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(uptime | sed 's/.*load/load/')"
echo
if [ -z "${BENCH_TIMER:-}" ]; then
  echo "| N | input | output | wall s | CPU s | CPU µs/system | cores | peak MB | / parse-only | before |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---|---|"
fi
row "$SMALL" json1 json
row "$SMALL" jsonl json
for kind in json json1 jsonl csv toml register; do
  row "$MID" "$kind" json floor
done
for kind in jsonl csv; do
  for out in json table csv; do
    row "$BIG" "$kind" "$out"
  done
done
