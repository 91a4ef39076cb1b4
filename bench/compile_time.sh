#!/usr/bin/env bash
# Compile time of one user translation unit, tmath against its peers: the TU holds
# `c = a * b + r * 2` and `c = matmul(a, b)` on float tensors (Eigen: the same on
# MatrixXf/ArrayXXf; xtensor: xt::linalg::dot from xtensor-blas, when installed), the
# same tmath TU as a user of the compiled component tmath::kernels compiles it
# (-DTMATH_KERNELS), plus the cost of the bare includes. Prints the median of RUNS compiles (wall seconds) per TU
# and the ratios the issue asks for.
# Usage: bench/compile_time.sh [runs]   (from the repository root; CXX and CXXFLAGS may
# override g++ and "-O2 -march=native"). Extra include dirs: TMATH_COMPILE_TIME_INCLUDES.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CXX=${CXX:-g++}
FLAGS=${CXXFLAGS:--O2 -march=native}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
INCLUDES=(-I include ${TMATH_COMPILE_TIME_INCLUDES:-})

cat >"$WORK/tmath_tu.cpp" <<'CPP'
#include <tmath/tmath.hpp>
void user_code(const tmath::tensor<float>& a, const tmath::tensor<float>& b,
               const tmath::tensor<float>& r, tmath::tensor<float>& c) {
    c = a * b + r * 2.0f;
    c = tmath::matmul(a, b);
}
CPP
cat >"$WORK/eigen_tu.cpp" <<'CPP'
#include <Eigen/Dense>
void user_code(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b, const Eigen::MatrixXf& r,
               Eigen::MatrixXf& c) {
    c = (a.array() * b.array() + r.array() * 2.0f).matrix();
    c.noalias() = a * b;
}
CPP
cat >"$WORK/xtensor_tu.cpp" <<'CPP'
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
void user_code(const xt::xtensor<float, 2>& a, const xt::xtensor<float, 2>& b,
               const xt::xtensor<float, 2>& r, xt::xtensor<float, 2>& c) {
    c = a * b + r * 2.0f;
    c = xt::linalg::dot(a, b);
}
CPP
printf '#include <tmath/tmath.hpp>\n' >"$WORK/tmath_include.cpp"
printf '#include <xsimd/xsimd.hpp>\n' >"$WORK/xsimd_include.cpp"
printf '#include <Eigen/Dense>\n' >"$WORK/eigen_include.cpp"

# Median wall time of RUNS compiles of one file, in seconds (empty when it fails).
median_compile() {
  local src=$1 times=() t0 t1
  shift
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    if ! $CXX -std=c++20 $FLAGS "${INCLUDES[@]}" "$@" -c "$src" -o "$WORK/out.o" 2>"$WORK/err.txt"; then
      echo ""
      return
    fi
    t1=$(date +%s%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.2f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

declare -A T
cp "$WORK/tmath_tu.cpp" "$WORK/tmath_kernels_tu.cpp"
for tu in tmath_tu tmath_kernels_tu eigen_tu xtensor_tu tmath_include xsimd_include eigen_include; do
  extra=()
  case $tu in eigen*) extra=(-I /usr/include/eigen3) ;; esac
  # The TU as a user of tmath::kernels compiles it: TMATH_KERNELS (the target's compile
  # definition) makes the headers call the compiled kernels instead of instantiating them.
  case $tu in tmath_kernels_tu) extra=(-DTMATH_KERNELS) ;; esac
  T[$tu]=$(median_compile "$WORK/$tu.cpp" "${extra[@]}")
  printf '%-15s %s s\n' "$tu" "${T[$tu]:-(does not compile here: skipped)}"
done
ratio() {
  if [ -n "${T[$1]}" ] && [ -n "${T[$2]}" ]; then
    awk -v n="$1 / $2" -v a="${T[$1]}" -v b="${T[$2]}" 'BEGIN {printf "%-32s %.2f\n", n, a / b}'
  fi
}
echo "compiler: $($CXX --version | head -1); flags: $FLAGS; median of $RUNS"
ratio tmath_tu eigen_tu
ratio tmath_kernels_tu eigen_tu
ratio tmath_tu xtensor_tu
ratio tmath_include xsimd_include
