#!/usr/bin/env bash
# Benchmark of `aiact batch` on synthetic inventories (release build).
#
#   bench/run.sh                 # N = 1000 10000 100000, all four encodings
#   SIZES="1000 10000" bench/run.sh
#
# For every N and encoding it measures, with /usr/bin/time -v:
#   - end to end:  aiact batch FILE --format json > /dev/null
#   - parse only:  aiact batch FILE --parse-only   (read + check answers, no assessment)
# and prints one Markdown table row per case: wall time, CPU time (user+sys), peak memory
# (maximum resident set size), input size and the ratios the targets are stated in.
# Figures depend on the machine and its load; record them with `nproc` and `uptime`.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
FORMATS=${FORMATS:-"toml json jsonl csv"}
DIR=${BENCH_DIR:-target/bench}
AS_OF=2026-12-01
mkdir -p "$DIR"
cargo build --release --quiet --bin aiact --example gen_inventory
BIN=target/release/aiact
GEN=target/release/examples/gen_inventory

measure() { # prints "wall cpu rss_kb"
  /usr/bin/time -v "$@" > /dev/null 2> "$DIR/time.txt" || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.2f %.2f %d\n", w, u + s, m }' "$DIR/time.txt"
}

echo "machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"
echo
echo "| N | input | size MB | end-to-end wall s | CPU s | peak MB | parse-only wall s | peak MB | wall ratio | peak / input |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  for f in $FORMATS; do
    file="$DIR/inv-$n.$f"
    [ -s "$file" ] || "$GEN" "$n" "$f" > "$file"
    size=$(stat -c %s "$file")
    read -r w c m < <(measure "$BIN" --as-of "$AS_OF" batch "$file" --format json)
    read -r pw _ pm < <(measure "$BIN" --as-of "$AS_OF" batch "$file" --parse-only)
    awk -v n="$n" -v f="$f" -v s="$size" -v w="$w" -v c="$c" -v m="$m" -v pw="$pw" -v pm="$pm" 'BEGIN {
      printf "| %d | %s | %.1f | %.2f | %.2f | %.0f | %.2f | %.0f | %.1fx | %.1fx |\n",
        n, f, s / 1e6, w, c, m / 1024, pw, pm / 1024, (pw > 0 ? w / pw : 0), m * 1024 / s }'
  done
done
out=$("$BIN" --as-of "$AS_OF" batch "$DIR/inv-1000.jsonl" --format json | wc -c)
echo
echo "JSON report size: $((out / 1000)) bytes per system on average"
