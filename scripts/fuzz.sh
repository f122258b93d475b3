#!/usr/bin/env bash
# Fuzzes the HTTP request parser with libFuzzer for a bounded time (Sources/FuzzHTTPParser:
# crashes, hangs, leaks, and the parser disagreeing with itself when the same bytes arrive
# whole or one byte at a time). Starts from the seed corpus in Tests/FuzzCorpus/http (real
# requests, pipelined, chunked, smuggling and folding shapes); the corpus it grows is kept in
# $WORK. A crashing input is written to $WORK/crashes/: add it to Tests/FuzzCorpus/http and
# `swift build && .build/debug/FuzzHTTPParser Tests/FuzzCorpus/http/*` replays it without
# libFuzzer.
#
# Usage:  scripts/fuzz.sh [more libFuzzer options]
# Env:    SECONDS_PER_TARGET (60)  WORK (/tmp/newsstore-fuzz)  JOBS (1)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

SECONDS_PER_TARGET=${SECONDS_PER_TARGET:-60}
WORK=${WORK:-/tmp/newsstore-fuzz}
JOBS=${JOBS:-1}
mkdir -p "$WORK/corpus-http" "$WORK/crashes"

# A build folder of its own: every module is compiled with coverage and AddressSanitizer.
swift build -c release --product FuzzHTTPParser --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
fuzzer=$PWD/.build-fuzz/release/FuzzHTTPParser
seeds=$PWD/Tests/FuzzCorpus/http
parallel=()
[ "$JOBS" -gt 1 ] && parallel=(-jobs="$JOBS" -workers="$JOBS")

# From $WORK: with -jobs, libFuzzer writes its workers' logs to the working directory.
(cd "$WORK" && "$fuzzer" corpus-http "$seeds" -max_total_time="$SECONDS_PER_TARGET" -max_len=8192 \
  -timeout=5 -rss_limit_mb=2048 "${parallel[@]}" -artifact_prefix=crashes/ -print_final_stats=1 "$@") \
  2>&1 | tee "$WORK/fuzz-http.log" | grep -E "^#[0-9]+.*(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY" | tail -6
