#!/bin/sh
# Procurement gate: check every vendor offer against the buyer's policy with `aiact check`.
#
# Usage:  check-offers.sh [OFFER.toml ...]     (default: every vendor-*.toml beside this script)
#
# Environment:
#   AIACT         the aiact binary                 (default: aiact on PATH)
#   AIACT_POLICY  the buyer's policy file          (default: aiact-policy.toml beside this script)
#   AIACT_AS_OF   the assessment date, YYYY-MM-DD  (default: today)
#   AIACT_OUT     folder for the reports           (default: aiact-reports)
#   AIACT_OBSERVE set to 1 to report without failing (observe mode, --no-fail)
#
# Writes per offer: NAME.junit.xml (CI test report), NAME.sarif (code-scanning alerts),
# NAME.md (procurement memo) and NAME.json; prints the human report.
#
# Exit status: 0 every offer passed, 1 an offer failed the check, 2 invalid input or policy.
set -u

here=$(cd "$(dirname "$0")" && pwd)
aiact=${AIACT:-aiact}
policy=${AIACT_POLICY:-$here/aiact-policy.toml}
out=${AIACT_OUT:-aiact-reports}

if [ $# -eq 0 ]; then
    set -- "$here"/vendor-*.toml
fi
set -f
opts="--policy $policy"
if [ -n "${AIACT_AS_OF:-}" ]; then
    opts="$opts --as-of $AIACT_AS_OF"
fi
if [ "${AIACT_OBSERVE:-0}" = 1 ]; then
    opts="$opts --no-fail"
fi
set +f

mkdir -p "$out" || exit 2
worst=0
for offer in "$@"; do
    name=$(basename "$offer" .toml)
    # The gate: the JUnit report's exit status decides.
    # shellcheck disable=SC2086
    "$aiact" check "$offer" $opts --format junit >"$out/$name.junit.xml"
    rc=$?
    if [ "$rc" -lt 2 ]; then
        # shellcheck disable=SC2086
        "$aiact" check "$offer" $opts --no-fail --format sarif >"$out/$name.sarif" 2>/dev/null
        # shellcheck disable=SC2086
        "$aiact" check "$offer" $opts --no-fail --format markdown >"$out/$name.md" 2>/dev/null
        # shellcheck disable=SC2086
        "$aiact" check "$offer" $opts --no-fail --format json >"$out/$name.json" 2>/dev/null
        # shellcheck disable=SC2086
        "$aiact" check "$offer" $opts --no-fail --color never 2>/dev/null
    fi
    case $rc in
        0) echo "PASSED  $offer" ;;
        1) echo "FAILED  $offer" ;;
        *) echo "INVALID $offer (exit $rc)"; rc=2 ;;
    esac
    if [ "$rc" -gt "$worst" ]; then
        worst=$rc
    fi
done
exit "$worst"
