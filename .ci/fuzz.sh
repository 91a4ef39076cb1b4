#!/usr/bin/env bash
# Fuzzes tmath for 60 seconds: builds the libFuzzer target tests/fuzz/fuzz_tmath.cpp with
# clang (-fsanitize=fuzzer,address,undefined) and runs it on the saved inputs plus what
# it finds. Run from the repository root, after .ci/run's dependencies are installed.
# Extra Debian bookworm packages: clang-14 and libclang-rt-14-dev (libFuzzer and the
# sanitizer runtimes; the `clang` package pulls both in).
# A crash leaves its input in build/fuzz/artifacts/: copy it to tests/fuzz/regressions/
# (the test suite replays that directory), fix the bug, commit both.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
CXX_FUZZ=${CXX_FUZZ:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$CXX_FUZZ" ]; then
  echo "fuzz.sh needs clang++ (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 1
fi

printf '==== build the fuzzer (at %ss) ====\n' "$SECONDS"
# -O0: the one translation unit compiles in about 85 s against 265 s at -O1 (2 cores,
# clang 14), which made it the longest path of CI's last stage; it runs about 250
# inputs a second against 1,200 at -O1, so a 60-second run still executes some 15,000
# beside the saved corpus. FUZZ_OPT=-O1 for a longer local campaign.
FUZZ_OPT=${FUZZ_OPT:--O0}
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER="$CXX_FUZZ" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=$FUZZ_OPT -gline-tables-only" \
  -DTMATH_BUILD_FUZZER=ON -DTMATH_BUILD_TESTS=OFF -DTMATH_BUILD_BENCHMARKS=OFF -DTMATH_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target tmath_fuzz

printf '==== fuzz for %s seconds (at %ss) ====\n' "$FUZZ_SECONDS" "$SECONDS"
mkdir -p build/fuzz/corpus build/fuzz/artifacts
# New inputs go to the first (scratch) directory; the saved ones are only read.
build/fuzz/tests/fuzz/tmath_fuzz -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus tests/fuzz/corpus tests/fuzz/regressions
printf '==== done (at %ss) ====\n' "$SECONDS"
