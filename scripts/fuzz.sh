#!/usr/bin/env bash
# Fuzzes with libFuzzer for a bounded time per target (Sources/Fuzz*):
#   http:    the HTTP request parser: crashes, hangs, leaks, and the parser disagreeing with
#            itself when the same bytes arrive whole or one byte at a time;
#   article: an editor's article JSON, as the body of POST /api/v1/articles and of a PATCH,
#            through the real router on a temporary database: never a 5xx.
# Each starts from its seed corpus in Tests/FuzzCorpus/<target> (real requests and articles,
# the seed page among them); the corpus it grows is kept in $WORK/corpus-<target>. A crashing
# input is written to $WORK/crashes-<target>/: add it to the seeds, and
# `swift build && .build/debug/FuzzHTTPParser Tests/FuzzCorpus/http/*` (or FuzzArticleWrite
# with Tests/FuzzCorpus/article/*) replays it without libFuzzer.
#
# Usage:  scripts/fuzz.sh [http|article ...]  (default both)
# Env:    SECONDS_PER_TARGET (60)  WORK (/tmp/newsstore-fuzz)  JOBS (1)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

SECONDS_PER_TARGET=${SECONDS_PER_TARGET:-60}
WORK=${WORK:-/tmp/newsstore-fuzz}
JOBS=${JOBS:-1}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(http article)
parallel=()
[ "$JOBS" -gt 1 ] && parallel=(-jobs="$JOBS" -workers="$JOBS")
# The article target migrates its temporary database from here.
export NEWSSTORE_MIGRATIONS=$PWD/migrations

for target in "${targets[@]}"; do
  case $target in
    http) product=FuzzHTTPParser ;;
    article) product=FuzzArticleWrite ;;
    *) echo "fuzz: unknown target '$target' (http or article)" >&2; exit 2 ;;
  esac
  # A build folder of its own: every module is compiled with coverage and AddressSanitizer.
  swift build -c release --product "$product" --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
  mkdir -p "$WORK/corpus-$target" "$WORK/crashes-$target"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
  # From $WORK: with -jobs, libFuzzer writes its workers' logs to the working directory.
  (cd "$WORK" && "$OLDPWD/.build-fuzz/release/$product" "corpus-$target" "$OLDPWD/Tests/FuzzCorpus/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=16384 -timeout=5 -rss_limit_mb=2048 ${parallel[@]+"${parallel[@]}"} \
    -artifact_prefix="crashes-$target/" -print_final_stats=1) \
    2>&1 | tee "$WORK/fuzz-$target.log" | grep -E "^#[0-9]+.*(INITED|DONE)|stat::number_of_executed_units|ERROR|SUMMARY" | tail -5
done
