/// @file bench_views.cpp
/// Slicing views, view assignment, joining, and the cost of making a view (issue 18),
/// against the same operations in Eigen 3.4 and xtensor 0.24 when CMake found them
/// (TMATH_BENCH_HAVE_EIGEN / TMATH_BENCH_HAVE_XTENSOR) and in hand-written loops, all in
/// one binary.
///
/// Benchmarks are named `BM_<row>/<lib>/<size>` (lib: tmath, eigen, xtensor, hand), as in
/// bench_elementwise, so that `ratios_views.py` lines the peers up row by row:
///  - strided_mul       c = a[:, ::2] * b[:, 1::2], a and b (1024, 2048), c (1024, 1024)
///  - stencil_add       c = a[1:-1, 1:-1] + a[:-2, 2:], a (2048, 2048), c (2046, 2046)
///  - assign_col_block  a[:, 256:512] = b, a (1024, 1024), b (1024, 256)
///  - concatenate       concatenate({a, b}, 1, c), a and b (1024, 512), into c (1024, 1024)
///                      as every peer writes a preallocated c (NumPy's out=)
///  - concatenate_new   concatenate({a, b}, 1), a new tensor every call, beside a hand loop
///                      that allocates its result every call too
///  - create_view       view(t, 1, range(_, _, 2), all, newaxis) of a (8, 16, 32, 64) tensor
///  - create_reshape    reshape(t, {8, -1}) of the same tensor
/// and three everyday element-wise functions of issue 19, on (1024, 1024) floats:
///  - tril              c = tril(a, -1) (lazy: a compare of index vectors and a select)
///  - nan_to_zero       c = where(isnan(a), 0, a), a with a NaN every 7th element
///  - astype_int        c = astype<int>(a) (truncation to int32)
/// Operands are allocated and filled before the timing loop. The element-wise rows count
/// bytes like bench_elementwise: every element of a view or array read or written once
/// per iteration (a strided view counts its own elements, not the cache lines it
/// touches); after timing, the output is checked exactly against the formula and a wrong
/// answer marks the run as an error. The creation rows count one item per view made.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <tmath/tmath.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#ifdef TMATH_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
#include <xtensor/xnoalias.hpp>
#include <xtensor/xstrided_view.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#endif

namespace {

// ---------------------------------------------------------------------------
// Shared: input patterns, fills, the timing loop.
// ---------------------------------------------------------------------------

// Input patterns by flat (row-major) index; their products and sums are exact in float.
float pattern_a(std::size_t i) { return 1.0f + static_cast<float>(i % 13) * 0.0625f; }
float pattern_b(std::size_t i) { return 0.5f + static_cast<float>(i % 7) * 0.125f; }

void fill(float* p, std::size_t n, float (*pattern)(std::size_t)) {
    if (!pattern) {
        std::fill_n(p, n, 0.0f);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) p[i] = pattern(i);
}

/// The timing loop: `step()` is one operation; `bytes` counted per iteration; `ok()`
/// checks the output once after timing.
template <class Step, class Ok>
void timed(benchmark::State& state, std::int64_t bytes, Step&& step, Ok&& ok) {
    for (auto _ : state) {
        step();
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
    if (!ok()) state.SkipWithError("wrong result");
}

/// Checks out[i * cols + j] == f(i, j) on about 4096 spread elements and the last one.
template <class At, class F>
bool matrix_ok(std::size_t rows, std::size_t cols, At&& at, F&& f) {
    const std::size_t n = rows * cols;
    const std::size_t step = std::max<std::size_t>(1, n / 4096) | 1;  // odd: both column parities
    for (std::size_t k = 0; k < n; k += step)
        if (at(k / cols, k % cols) != f(k / cols, k % cols)) return false;
    return at(rows - 1, cols - 1) == f(rows - 1, cols - 1);
}

// Hand-written loops run on 64-byte aligned buffers, like tmath's storage.
struct aligned_free {
    void operator()(float* p) const noexcept { std::free(p); }
};
using aligned_floats = std::unique_ptr<float[], aligned_free>;

aligned_floats hand_filled(std::size_t n, float (*pattern)(std::size_t)) {
    const std::size_t bytes = (n * sizeof(float) + 63) / 64 * 64;
    aligned_floats p(static_cast<float*>(std::aligned_alloc(64, bytes)));
    if (!p) throw std::bad_alloc();
    fill(p.get(), n, pattern);
    return p;
}

tmath::tensor<float> tmath_filled(std::vector<std::size_t> shape, float (*pattern)(std::size_t)) {
    auto t = tmath::empty<float>(shape);
    fill(t.data(), t.size(), pattern);
    return t;
}

#ifdef TMATH_BENCH_HAVE_EIGEN
using eigen_mat = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

eigen_mat eigen_filled(std::size_t rows, std::size_t cols, float (*pattern)(std::size_t)) {
    eigen_mat x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    fill(x.data(), rows * cols, pattern);
    return x;
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
xt::xtensor<float, 2> xtensor_filled(std::size_t rows, std::size_t cols, float (*pattern)(std::size_t)) {
    xt::xtensor<float, 2> x(std::array<std::size_t, 2>{rows, cols});
    fill(x.data(), rows * cols, pattern);
    return x;
}
#endif

// ---------------------------------------------------------------------------
// strided_mul: c = a[:, ::2] * b[:, 1::2]
// ---------------------------------------------------------------------------

constexpr std::size_t sm_rows = 1024;
constexpr std::size_t sm_cols = 2048;  // of a and b; c has half as many
constexpr std::size_t sm_out = sm_cols / 2;
constexpr std::int64_t sm_bytes = 3 * sm_rows * sm_out * sizeof(float);

float sm_expected(std::size_t i, std::size_t j) {
    return pattern_a(i * sm_cols + 2 * j) * pattern_b(i * sm_cols + 2 * j + 1);
}

void strided_mul_tmath(benchmark::State& state) {
    using tmath::_;
    const auto a = tmath_filled({sm_rows, sm_cols}, pattern_a);
    const auto b = tmath_filled({sm_rows, sm_cols}, pattern_b);
    auto c = tmath::zeros<float>({sm_rows, sm_out});
    timed(
        state, sm_bytes,
        [&] { c = tmath::view(a, tmath::all, tmath::range(_, _, 2)) * tmath::view(b, tmath::all, tmath::range(1, _, 2)); },
        [&] { return matrix_ok(sm_rows, sm_out, [&](std::size_t i, std::size_t j) { return c.data()[i * sm_out + j]; }, sm_expected); });
}

void strided_mul_hand(benchmark::State& state) {
    const auto a = hand_filled(sm_rows * sm_cols, pattern_a);
    const auto b = hand_filled(sm_rows * sm_cols, pattern_b);
    const auto c = hand_filled(sm_rows * sm_out, nullptr);
    float* out = c.get();
    const float* pa = a.get();
    const float* pb = b.get();
    timed(
        state, sm_bytes,
        [&] {
            for (std::size_t i = 0; i < sm_rows; ++i)
                for (std::size_t j = 0; j < sm_out; ++j)
                    out[i * sm_out + j] = pa[i * sm_cols + 2 * j] * pb[i * sm_cols + 2 * j + 1];
        },
        [&] { return matrix_ok(sm_rows, sm_out, [&](std::size_t i, std::size_t j) { return out[i * sm_out + j]; }, sm_expected); });
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void strided_mul_eigen(benchmark::State& state) {
    // Row-major Maps with an inner stride of 2 (a run-time outer stride of one row).
    using strided = Eigen::Map<const eigen_mat, 0, Eigen::Stride<Eigen::Dynamic, 2>>;
    const auto a = eigen_filled(sm_rows, sm_cols, pattern_a);
    const auto b = eigen_filled(sm_rows, sm_cols, pattern_b);
    eigen_mat c = eigen_mat::Zero(sm_rows, sm_out);
    const auto rows = static_cast<Eigen::Index>(sm_rows);
    const auto cols = static_cast<Eigen::Index>(sm_out);
    const Eigen::Stride<Eigen::Dynamic, 2> stride(static_cast<Eigen::Index>(sm_cols), 2);
    timed(
        state, sm_bytes,
        [&] { c = strided(a.data(), rows, cols, stride) * strided(b.data() + 1, rows, cols, stride); },
        [&] { return matrix_ok(sm_rows, sm_out, [&](std::size_t i, std::size_t j) { return c.data()[i * sm_out + j]; }, sm_expected); });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void strided_mul_xtensor(benchmark::State& state) {
    const auto a = xtensor_filled(sm_rows, sm_cols, pattern_a);
    const auto b = xtensor_filled(sm_rows, sm_cols, pattern_b);
    auto c = xtensor_filled(sm_rows, sm_out, nullptr);
    timed(
        state, sm_bytes,
        [&] {
            xt::noalias(c) = xt::view(a, xt::all(), xt::range(0, sm_cols, 2)) * xt::view(b, xt::all(), xt::range(1, sm_cols, 2));
        },
        [&] { return matrix_ok(sm_rows, sm_out, [&](std::size_t i, std::size_t j) { return c.data()[i * sm_out + j]; }, sm_expected); });
}
#endif

// ---------------------------------------------------------------------------
// stencil_add: c = a[1:-1, 1:-1] + a[:-2, 2:]
// ---------------------------------------------------------------------------

constexpr std::size_t st_n = 2048;
constexpr std::size_t st_out = st_n - 2;
constexpr std::int64_t st_bytes = 3 * st_out * st_out * sizeof(float);

float st_expected(std::size_t i, std::size_t j) { return pattern_a((i + 1) * st_n + j + 1) + pattern_a(i * st_n + j + 2); }

void stencil_add_tmath(benchmark::State& state) {
    using tmath::_;
    using tmath::range;
    const auto a = tmath_filled({st_n, st_n}, pattern_a);
    auto c = tmath::zeros<float>({st_out, st_out});
    timed(
        state, st_bytes, [&] { c = tmath::view(a, range(1, -1), range(1, -1)) + tmath::view(a, range(_, -2), range(2, _)); },
        [&] { return matrix_ok(st_out, st_out, [&](std::size_t i, std::size_t j) { return c.data()[i * st_out + j]; }, st_expected); });
}

void stencil_add_hand(benchmark::State& state) {
    const auto a = hand_filled(st_n * st_n, pattern_a);
    const auto c = hand_filled(st_out * st_out, nullptr);
    float* out = c.get();
    const float* pa = a.get();
    timed(
        state, st_bytes,
        [&] {
            for (std::size_t i = 0; i < st_out; ++i)
                for (std::size_t j = 0; j < st_out; ++j)
                    out[i * st_out + j] = pa[(i + 1) * st_n + j + 1] + pa[i * st_n + j + 2];
        },
        [&] { return matrix_ok(st_out, st_out, [&](std::size_t i, std::size_t j) { return out[i * st_out + j]; }, st_expected); });
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void stencil_add_eigen(benchmark::State& state) {
    const auto a = eigen_filled(st_n, st_n, pattern_a);
    eigen_mat c = eigen_mat::Zero(st_out, st_out);
    const auto m = static_cast<Eigen::Index>(st_out);
    timed(
        state, st_bytes, [&] { c = a.block(1, 1, m, m) + a.block(0, 2, m, m); },
        [&] { return matrix_ok(st_out, st_out, [&](std::size_t i, std::size_t j) { return c.data()[i * st_out + j]; }, st_expected); });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void stencil_add_xtensor(benchmark::State& state) {
    const auto a = xtensor_filled(st_n, st_n, pattern_a);
    auto c = xtensor_filled(st_out, st_out, nullptr);
    timed(
        state, st_bytes,
        [&] {
            xt::noalias(c) = xt::view(a, xt::range(1, st_n - 1), xt::range(1, st_n - 1)) +
                             xt::view(a, xt::range(0, st_n - 2), xt::range(2, st_n));
        },
        [&] { return matrix_ok(st_out, st_out, [&](std::size_t i, std::size_t j) { return c.data()[i * st_out + j]; }, st_expected); });
}
#endif

// ---------------------------------------------------------------------------
// assign_col_block: a[:, 256:512] = b
// ---------------------------------------------------------------------------

constexpr std::size_t cb_n = 1024;
constexpr std::size_t cb_first = 256;
constexpr std::size_t cb_cols = 256;
constexpr std::int64_t cb_bytes = 2 * cb_n * cb_cols * sizeof(float);

/// a after the assignment: b in the block, a's own pattern elsewhere.
float cb_expected(std::size_t i, std::size_t j) {
    if (j >= cb_first && j < cb_first + cb_cols) return pattern_b(i * cb_cols + (j - cb_first));
    return pattern_a(i * cb_n + j);
}

void assign_col_block_tmath(benchmark::State& state) {
    auto a = tmath_filled({cb_n, cb_n}, pattern_a);
    const auto b = tmath_filled({cb_n, cb_cols}, pattern_b);
    timed(
        state, cb_bytes, [&] { tmath::view(a, tmath::all, tmath::range(256, 512)) = b; },
        [&] { return matrix_ok(cb_n, cb_n, [&](std::size_t i, std::size_t j) { return a.data()[i * cb_n + j]; }, cb_expected); });
}

void assign_col_block_hand(benchmark::State& state) {
    const auto a = hand_filled(cb_n * cb_n, pattern_a);
    const auto b = hand_filled(cb_n * cb_cols, pattern_b);
    float* pa = a.get();
    const float* pb = b.get();
    timed(
        state, cb_bytes,
        [&] {
            for (std::size_t i = 0; i < cb_n; ++i)
                for (std::size_t j = 0; j < cb_cols; ++j) pa[i * cb_n + cb_first + j] = pb[i * cb_cols + j];
        },
        [&] { return matrix_ok(cb_n, cb_n, [&](std::size_t i, std::size_t j) { return pa[i * cb_n + j]; }, cb_expected); });
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void assign_col_block_eigen(benchmark::State& state) {
    auto a = eigen_filled(cb_n, cb_n, pattern_a);
    const auto b = eigen_filled(cb_n, cb_cols, pattern_b);
    timed(
        state, cb_bytes, [&] { a.middleCols(256, 256) = b; },
        [&] { return matrix_ok(cb_n, cb_n, [&](std::size_t i, std::size_t j) { return a.data()[i * cb_n + j]; }, cb_expected); });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void assign_col_block_xtensor(benchmark::State& state) {
    auto a = xtensor_filled(cb_n, cb_n, pattern_a);
    const auto b = xtensor_filled(cb_n, cb_cols, pattern_b);
    // noalias: a plain `view = b` evaluates b into a temporary first.
    timed(
        state, cb_bytes, [&] { xt::noalias(xt::view(a, xt::all(), xt::range(256, 512))) = b; },
        [&] { return matrix_ok(cb_n, cb_n, [&](std::size_t i, std::size_t j) { return a.data()[i * cb_n + j]; }, cb_expected); });
}
#endif

// ---------------------------------------------------------------------------
// concatenate: concatenate({a, b}, 1)
// ---------------------------------------------------------------------------

constexpr std::size_t cc_rows = 1024;
constexpr std::size_t cc_cols = 512;  // of each operand; the result has twice as many
constexpr std::size_t cc_out = 2 * cc_cols;
constexpr std::int64_t cc_bytes = 2 * cc_rows * cc_out * sizeof(float);  // both read, all written

float cc_expected(std::size_t i, std::size_t j) {
    return j < cc_cols ? pattern_a(i * cc_cols + j) : pattern_b(i * cc_cols + j - cc_cols);
}

void concatenate_tmath(benchmark::State& state) {
    const auto a = tmath_filled({cc_rows, cc_cols}, pattern_a);
    const auto b = tmath_filled({cc_rows, cc_cols}, pattern_b);
    auto c = tmath_filled({cc_rows, cc_out}, nullptr);
    timed(
        state, cc_bytes, [&] { tmath::concatenate({a, b}, 1, c); },
        [&] { return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return c(i, j); }, cc_expected); });
}

void concatenate_new_tmath(benchmark::State& state) {
    const auto a = tmath_filled({cc_rows, cc_cols}, pattern_a);
    const auto b = tmath_filled({cc_rows, cc_cols}, pattern_b);
    // A new tensor: its allocation (and release, at the end of the iteration, as for a
    // temporary) is part of every iteration.
    timed(
        state, cc_bytes,
        [&] {
            const auto c = tmath::concatenate({a, b}, 1);
            benchmark::DoNotOptimize(c.data());
        },
        [&] {
            const auto c = tmath::concatenate({a, b}, 1);
            return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return c.data()[i * cc_out + j]; }, cc_expected);
        });
}

void concatenate_new_hand(benchmark::State& state) {
    const auto a = hand_filled(cc_rows * cc_cols, pattern_a);
    const auto b = hand_filled(cc_rows * cc_cols, pattern_b);
    const auto run = [&] {
        aligned_floats c(static_cast<float*>(std::aligned_alloc(64, cc_rows * cc_out * sizeof(float))));
        if (!c) throw std::bad_alloc();
        for (std::size_t i = 0; i < cc_rows; ++i) {
            std::memcpy(c.get() + i * cc_out, a.get() + i * cc_cols, cc_cols * sizeof(float));
            std::memcpy(c.get() + i * cc_out + cc_cols, b.get() + i * cc_cols, cc_cols * sizeof(float));
        }
        return c;
    };
    timed(
        state, cc_bytes, [&] { benchmark::DoNotOptimize(run().get()); },
        [&] {
            const auto c = run();
            return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return c[i * cc_out + j]; }, cc_expected);
        });
}

void concatenate_hand(benchmark::State& state) {
    const auto a = hand_filled(cc_rows * cc_cols, pattern_a);
    const auto b = hand_filled(cc_rows * cc_cols, pattern_b);
    const auto c = hand_filled(cc_rows * cc_out, nullptr);
    float* out = c.get();
    const float* pa = a.get();
    const float* pb = b.get();
    timed(
        state, cc_bytes,
        [&] {
            for (std::size_t i = 0; i < cc_rows; ++i) {
                std::memcpy(out + i * cc_out, pa + i * cc_cols, cc_cols * sizeof(float));
                std::memcpy(out + i * cc_out + cc_cols, pb + i * cc_cols, cc_cols * sizeof(float));
            }
        },
        [&] { return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return out[i * cc_out + j]; }, cc_expected); });
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void concatenate_eigen(benchmark::State& state) {
    const auto a = eigen_filled(cc_rows, cc_cols, pattern_a);
    const auto b = eigen_filled(cc_rows, cc_cols, pattern_b);
    eigen_mat c = eigen_mat::Zero(cc_rows, cc_out);
    const auto half = static_cast<Eigen::Index>(cc_cols);
    timed(
        state, cc_bytes,
        [&] {
            c.leftCols(half) = a;
            c.rightCols(half) = b;
        },
        [&] { return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return c.data()[i * cc_out + j]; }, cc_expected); });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void concatenate_xtensor(benchmark::State& state) {
    const auto a = xtensor_filled(cc_rows, cc_cols, pattern_a);
    const auto b = xtensor_filled(cc_rows, cc_cols, pattern_b);
    auto c = xtensor_filled(cc_rows, cc_out, nullptr);
    // xt::concatenate is a lazy generator: evaluated into a preallocated result.
    timed(
        state, cc_bytes, [&] { xt::noalias(c) = xt::concatenate(xt::xtuple(a, b), 1); },
        [&] { return matrix_ok(cc_rows, cc_out, [&](std::size_t i, std::size_t j) { return c.data()[i * cc_out + j]; }, cc_expected); });
}
#endif

// ---------------------------------------------------------------------------
// create_view / create_reshape: making a view of a rank-4 tensor (8, 16, 32, 64)
// ---------------------------------------------------------------------------

constexpr std::array<std::size_t, 4> t4_shape{8, 16, 32, 64};
constexpr std::size_t t4_size = 8 * 16 * 32 * 64;

/// One item per view made.
template <class Make>
void timed_creation(benchmark::State& state, Make&& make) {
    for (auto _ : state) {
        auto v = make();
        benchmark::DoNotOptimize(v);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void create_view_tmath(benchmark::State& state) {
    using tmath::_;
    auto t = tmath::zeros<float>({t4_shape[0], t4_shape[1], t4_shape[2], t4_shape[3]});
    timed_creation(state, [&] { return tmath::view(t, 1, tmath::range(_, _, 2), tmath::all, tmath::newaxis); });
    const auto v = tmath::view(t, 1, tmath::range(_, _, 2), tmath::all, tmath::newaxis);
    if (!(v.shape() == tmath::shape_t{8, 32, 1, 64}) || v.data() != t.data() + 16 * 32 * 64)
        state.SkipWithError("wrong view");
}

void create_reshape_tmath(benchmark::State& state) {
    auto t = tmath::zeros<float>({t4_shape[0], t4_shape[1], t4_shape[2], t4_shape[3]});
    timed_creation(state, [&] { return tmath::reshape(t, {8, -1}); });
    if (!(tmath::reshape(t, {8, -1}).shape() == tmath::shape_t{8, t4_size / 8})) state.SkipWithError("wrong reshape");
}

#ifdef TMATH_BENCH_HAVE_EIGEN
// Eigen has no rank-4 array in its core module: a reshape is a Map of the storage under
// the new 2-D shape (context only).
void create_reshape_eigen(benchmark::State& state) {
    std::vector<float> storage(t4_size);
    timed_creation(state, [&] {
        return Eigen::Map<eigen_mat>(storage.data(), 8, static_cast<Eigen::Index>(storage.size() / 8));
    });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void create_view_xtensor(benchmark::State& state) {
    using namespace xt::placeholders;
    xt::xtensor<float, 4> t = xt::zeros<float>(t4_shape);
    // xview computes its strides on first use: strides() makes it do so here, as
    // tmath's view does when it is made.
    timed_creation(state, [&] {
        auto v = xt::view(t, 1, xt::range(_, _, 2), xt::all(), xt::newaxis());
        benchmark::DoNotOptimize(v.strides());
        return v;
    });
}

void create_reshape_xtensor(benchmark::State& state) {
    xt::xtensor<float, 4> t = xt::zeros<float>(t4_shape);
    timed_creation(state, [&] { return xt::reshape_view(t, std::array<std::size_t, 2>{8, t4_size / 8}); });
}
#endif

// ---------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// tril, nan_to_zero, astype_int: (1024, 1024) floats in, (1024, 1024) out
// ---------------------------------------------------------------------------

constexpr std::size_t ev_n = 1024;
constexpr std::int64_t ev_bytes = 2 * ev_n * ev_n * sizeof(float);

/// a with a NaN every 7th element (nan_to_zero's input).
float pattern_nan(std::size_t i) { return i % 7 == 3 ? __builtin_nanf("") : pattern_a(i); }
float tril_expected(std::size_t i, std::size_t j) { return j < i ? pattern_a(i * ev_n + j) : 0.0f; }
float nan_expected(std::size_t i, std::size_t j) { return (i * ev_n + j) % 7 == 3 ? 0.0f : pattern_a(i * ev_n + j); }
int cast_expected(std::size_t i, std::size_t j) { return static_cast<int>(4.0f * pattern_a(i * ev_n + j)); }

void tril_tmath(benchmark::State& state) {
    const auto a = tmath_filled({ev_n, ev_n}, pattern_a);
    auto c = tmath::empty<float>({ev_n, ev_n});
    timed(state, ev_bytes, [&] { c = tmath::tril(a, -1); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, tril_expected); });
}
void tril_hand(benchmark::State& state) {
    const auto a = hand_filled(ev_n * ev_n, pattern_a);
    auto c = hand_filled(ev_n * ev_n, nullptr);
    timed(state, ev_bytes,
          [&] {
              for (std::size_t i = 0; i < ev_n; ++i) {
                  const std::size_t k = std::min(i, ev_n);
                  std::copy_n(a.get() + i * ev_n, k, c.get() + i * ev_n);
                  std::fill_n(c.get() + i * ev_n + k, ev_n - k, 0.0f);
              }
          },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c[i * ev_n + j]; }, tril_expected); });
}
void nan_to_zero_tmath(benchmark::State& state) {
    const auto a = tmath_filled({ev_n, ev_n}, pattern_nan);
    auto c = tmath::empty<float>({ev_n, ev_n});
    timed(state, ev_bytes, [&] { c = tmath::where(tmath::isnan(a), 0.0f, a); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, nan_expected); });
}
void nan_to_zero_hand(benchmark::State& state) {
    const auto a = hand_filled(ev_n * ev_n, pattern_nan);
    auto c = hand_filled(ev_n * ev_n, nullptr);
    timed(state, ev_bytes,
          [&] {
              const float* x = a.get();
              float* y = c.get();
              for (std::size_t k = 0; k < ev_n * ev_n; ++k) y[k] = x[k] != x[k] ? 0.0f : x[k];
          },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c[i * ev_n + j]; }, nan_expected); });
}
void astype_int_tmath(benchmark::State& state) {
    auto a = tmath_filled({ev_n, ev_n}, pattern_a);
    a *= 4.0f;
    auto c = tmath::empty<int>({ev_n, ev_n});
    timed(state, ev_bytes, [&] { c = tmath::astype<int>(a); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, cast_expected); });
}
void astype_int_hand(benchmark::State& state) {
    const auto a = hand_filled(ev_n * ev_n, pattern_a);
    for (std::size_t k = 0; k < ev_n * ev_n; ++k) a[k] *= 4.0f;
    std::vector<int> c(ev_n * ev_n);
    timed(state, ev_bytes,
          [&] {
              const float* x = a.get();
              for (std::size_t k = 0; k < ev_n * ev_n; ++k) c[k] = static_cast<int>(x[k]);
          },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c[i * ev_n + j]; }, cast_expected); });
}
#ifdef TMATH_BENCH_HAVE_EIGEN
void tril_eigen(benchmark::State& state) {
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> a = eigen_filled(ev_n, ev_n, pattern_a).matrix();
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c(ev_n, ev_n);
    timed(state, ev_bytes, [&] { c = a.triangularView<Eigen::StrictlyLower>(); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)); }, tril_expected); });
}
void nan_to_zero_eigen(benchmark::State& state) {
    const eigen_mat a = eigen_filled(ev_n, ev_n, pattern_nan);
    eigen_mat c(ev_n, ev_n);
    timed(state, ev_bytes, [&] { c = a.isNaN().select(0.0f, a); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)); }, nan_expected); });
}
void astype_int_eigen(benchmark::State& state) {
    const eigen_mat a = 4.0f * eigen_filled(ev_n, ev_n, pattern_a);
    Eigen::Array<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c(ev_n, ev_n);
    timed(state, ev_bytes, [&] { c = a.cast<int>(); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)); }, cast_expected); });
}
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
void tril_xtensor(benchmark::State& state) {
    const auto a = xtensor_filled(ev_n, ev_n, pattern_a);
    xt::xtensor<float, 2> c(std::array<std::size_t, 2>{ev_n, ev_n});
    timed(state, ev_bytes, [&] { xt::noalias(c) = xt::tril(a, -1); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, tril_expected); });
}
void nan_to_zero_xtensor(benchmark::State& state) {
    const auto a = xtensor_filled(ev_n, ev_n, pattern_nan);
    xt::xtensor<float, 2> c(std::array<std::size_t, 2>{ev_n, ev_n});
    timed(state, ev_bytes, [&] { xt::noalias(c) = xt::where(xt::isnan(a), 0.0f, a); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, nan_expected); });
}
void astype_int_xtensor(benchmark::State& state) {
    const xt::xtensor<float, 2> a = 4.0f * xtensor_filled(ev_n, ev_n, pattern_a);
    xt::xtensor<int, 2> c(std::array<std::size_t, 2>{ev_n, ev_n});
    timed(state, ev_bytes, [&] { xt::noalias(c) = xt::cast<int>(a); },
          [&] { return matrix_ok(ev_n, ev_n, [&](std::size_t i, std::size_t j) { return c(i, j); }, cast_expected); });
}
#endif

using bench_fn = void (*)(benchmark::State&);

#ifdef TMATH_BENCH_HAVE_EIGEN
#define TMATH_BENCH_EIGEN_OR_NULL(f) f
#else
#define TMATH_BENCH_EIGEN_OR_NULL(f) static_cast<bench_fn>(nullptr)
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
#define TMATH_BENCH_XTENSOR_OR_NULL(f) f
#else
#define TMATH_BENCH_XTENSOR_OR_NULL(f) static_cast<bench_fn>(nullptr)
#endif

void add(const char* row, const char* lib, const char* size, bench_fn fn, bool ns = false) {
    const std::string name = std::string("BM_") + row + "/" + lib + "/" + size;
    benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(ns ? benchmark::kNanosecond : benchmark::kMicrosecond);
}

void register_all() {
    add("strided_mul", "tmath", "1024x2048", strided_mul_tmath);
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("strided_mul", "eigen", "1024x2048", strided_mul_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("strided_mul", "xtensor", "1024x2048", strided_mul_xtensor);
#endif
    add("strided_mul", "hand", "1024x2048", strided_mul_hand);

    add("stencil_add", "tmath", "2048x2048", stencil_add_tmath);
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("stencil_add", "eigen", "2048x2048", stencil_add_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("stencil_add", "xtensor", "2048x2048", stencil_add_xtensor);
#endif
    add("stencil_add", "hand", "2048x2048", stencil_add_hand);

    add("assign_col_block", "tmath", "1024x256", assign_col_block_tmath);
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("assign_col_block", "eigen", "1024x256", assign_col_block_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("assign_col_block", "xtensor", "1024x256", assign_col_block_xtensor);
#endif
    add("assign_col_block", "hand", "1024x256", assign_col_block_hand);

    add("concatenate", "tmath", "2x1024x512", concatenate_tmath);
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("concatenate", "eigen", "2x1024x512", concatenate_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("concatenate", "xtensor", "2x1024x512", concatenate_xtensor);
#endif
    add("concatenate", "hand", "2x1024x512", concatenate_hand);
    add("concatenate_new", "tmath", "2x1024x512", concatenate_new_tmath);
    add("concatenate_new", "hand", "2x1024x512", concatenate_new_hand);

    struct everyday_row {
        const char* row;
        bench_fn tmath, eigen, xtensor, hand;
    };
    const everyday_row everyday[] = {
        {"tril", tril_tmath, TMATH_BENCH_EIGEN_OR_NULL(tril_eigen), TMATH_BENCH_XTENSOR_OR_NULL(tril_xtensor), tril_hand},
        {"nan_to_zero", nan_to_zero_tmath, TMATH_BENCH_EIGEN_OR_NULL(nan_to_zero_eigen),
         TMATH_BENCH_XTENSOR_OR_NULL(nan_to_zero_xtensor), nan_to_zero_hand},
        {"astype_int", astype_int_tmath, TMATH_BENCH_EIGEN_OR_NULL(astype_int_eigen),
         TMATH_BENCH_XTENSOR_OR_NULL(astype_int_xtensor), astype_int_hand}};
    for (const everyday_row& r : everyday) {
        add(r.row, "tmath", "1024x1024", r.tmath);
        if (r.eigen) add(r.row, "eigen", "1024x1024", r.eigen);
        if (r.xtensor) add(r.row, "xtensor", "1024x1024", r.xtensor);
        add(r.row, "hand", "1024x1024", r.hand);
    }

    add("create_view", "tmath", "8x16x32x64", create_view_tmath, true);
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("create_view", "xtensor", "8x16x32x64", create_view_xtensor, true);
#endif
    add("create_reshape", "tmath", "8x16x32x64", create_reshape_tmath, true);
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("create_reshape", "eigen", "8x16x32x64", create_reshape_eigen, true);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    add("create_reshape", "xtensor", "8x16x32x64", create_reshape_xtensor, true);
#endif
}

}  // namespace

int main(int argc, char** argv) {
    // --default_malloc (taken out before Google Benchmark reads the flags): keep glibc's
    // own mmap threshold.
    bool default_malloc = false;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--default_malloc") {
            default_malloc = true;
            for (int k = i; k + 1 < argc; ++k) argv[k] = argv[k + 1];
            --argc;
            break;
        }
#if defined(__GLIBC__)
    // As in bench_elementwise: every array of 4 KiB or more gets its own mmap, so every
    // library's arrays start at the same offset within a page (no 4K aliasing drawn by
    // chance). A tensor returned by a call (concatenate) then also gets fresh pages, and
    // their page faults, on every call. With --default_malloc, glibc's sliding threshold
    // serves such a tensor from the heap after the first call instead, as in a program
    // that does not tune malloc; see bench/README.md.
    if (!default_malloc) mallopt(M_MMAP_THRESHOLD, 4 * 1024);
#endif
    benchmark::AddCustomContext("malloc", default_malloc ? "glibc default" : "mmap threshold 4 KiB");
    register_all();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
#ifdef TMATH_BENCH_HAVE_EIGEN
    benchmark::AddCustomContext("eigen", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
                                             "." + std::to_string(EIGEN_MINOR_VERSION));
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    benchmark::AddCustomContext("xtensor", std::to_string(XTENSOR_VERSION_MAJOR) + "." +
                                               std::to_string(XTENSOR_VERSION_MINOR) + "." +
                                               std::to_string(XTENSOR_VERSION_PATCH));
#endif
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
