/// @file bench_elementwise.cpp
/// Element-wise throughput of tmath against its peers in the same binary: Eigen 3.4
/// and xtensor 0.24 when CMake found them (TMATH_BENCH_HAVE_EIGEN /
/// TMATH_BENCH_HAVE_XTENSOR), and a hand-written loop over raw pointers.
///
/// Every benchmark is named `BM_<row>/<lib>/<size>` (lib: tmath, eigen, xtensor, hand),
/// so that `ratios.py` can line the peers up row by row. Inputs and outputs are
/// allocated and filled before the timing loop; an iteration is the assignment only.
/// The byte counter counts every element read or written once per iteration (a
/// broadcast operand counts once, at its own size). After timing, a sample of the
/// output is checked against the formula; a wrong answer marks the run as an error.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
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
#include <unsupported/Eigen/SpecialFunctions>
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xtensor.hpp>
#endif

namespace {

using shape_vec = std::vector<std::size_t>;

// ---------------------------------------------------------------------------
// Rows: what is computed, on which shapes, and how to check it.
// ---------------------------------------------------------------------------

/// The operation a row times.
enum class op_kind {
    mul,             ///< c = a * b (b broadcast to a's shape)
    mul_transposed,  ///< c = a * transpose(b), square matrices
    fused,           ///< c = a * b + c2 * 2
};

/// One row of the comparison table.
struct row {
    std::string name;   ///< e.g. "mul_bcast_col"
    std::string label;  ///< size part of the benchmark name, e.g. "1024x1024"
    op_kind op;
    shape_vec a_shape;  ///< also the output shape
    shape_vec b_shape;  ///< before broadcasting (same as a_shape for mul_transposed / fused)
};

std::size_t count(const shape_vec& s) {
    std::size_t n = 1;
    for (std::size_t e : s) n *= e;
    return n;
}

/// Bytes read and written by one evaluation of the row.
std::int64_t bytes_per_iteration(const row& r) {
    const std::size_t out = count(r.a_shape);
    std::size_t elems = 0;
    switch (r.op) {
    case op_kind::mul: elems = 2 * out + count(r.b_shape); break;  // a, b (once), c
    case op_kind::mul_transposed: elems = 3 * out; break;
    case op_kind::fused: elems = 4 * out; break;  // a, b, c2, c
    }
    return static_cast<std::int64_t>(elems * sizeof(float));
}

// Input patterns by flat (row-major) index. Their products and sums are exact in
// float, so every library must produce bit-identical results whatever it fuses.
float pattern_a(std::size_t i) { return 1.0f + static_cast<float>(i % 13) * 0.0625f; }
float pattern_b(std::size_t i) { return 0.5f + static_cast<float>(i % 7) * 0.125f; }
float pattern_c2(std::size_t i) { return -1.0f + static_cast<float>(i % 11) * 0.25f; }

/// Writes pattern(i) at every index i, or zeros when `pattern` is null (outputs).
void fill(float* p, std::size_t n, float (*pattern)(std::size_t)) {
    if (!pattern) {
        std::fill_n(p, n, 0.0f);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) p[i] = pattern(i);
}

/// The expected output at flat index i of a row.
float expected(const row& r, std::size_t i) {
    switch (r.op) {
    case op_kind::mul: {
        // b is right-aligned against a; with trailing extent-1 dims it repeats along them.
        const shape_vec& as = r.a_shape;
        const shape_vec& bs = r.b_shape;
        std::size_t rest = i;
        std::size_t b_index = 0;
        std::size_t b_stride = 1;
        for (std::size_t k = 0; k < as.size(); ++k) {
            const std::size_t d = as.size() - 1 - k;
            const std::size_t coord = rest % as[d];
            rest /= as[d];
            if (k < bs.size()) {
                const std::size_t bd = bs.size() - 1 - k;
                if (bs[bd] != 1) b_index += coord * b_stride;
                b_stride *= bs[bd];
            }
        }
        return pattern_a(i) * pattern_b(b_index);
    }
    case op_kind::mul_transposed: {
        const std::size_t n = r.a_shape[1];
        return pattern_a(i) * pattern_b((i % n) * n + i / n);
    }
    case op_kind::fused: return pattern_a(i) * pattern_b(i) + pattern_c2(i) * 2.0f;
    }
    return 0.0f;
}

/// Checks about 4096 evenly spread outputs (and the last one).
bool output_ok(const row& r, const float* out) {
    const std::size_t n = count(r.a_shape);
    const std::size_t step = std::max<std::size_t>(1, n / 4096);
    for (std::size_t i = 0; i < n; i += step)
        if (out[i] != expected(r, i)) return false;
    return out[n - 1] == expected(r, n - 1);
}

/// The timing loop shared by every library: `step()` is one assignment into `out`.
template <class Step>
void timed(benchmark::State& state, const row& r, const float* out, Step&& step) {
    for (auto _ : state) {
        step();
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes_per_iteration(r));
    if (!output_ok(r, out)) state.SkipWithError("wrong result");
}

// ---------------------------------------------------------------------------
// tmath
// ---------------------------------------------------------------------------

tmath::tensor<float> tmath_filled(const shape_vec& shape, float (*pattern)(std::size_t)) {
    auto t = tmath::empty<float>(shape);
    fill(t.data(), t.size(), pattern);
    return t;
}

void bench_tmath(benchmark::State& state, const row& r) {
    const auto a = tmath_filled(r.a_shape, pattern_a);
    const auto b = tmath_filled(r.b_shape, pattern_b);
    auto c = tmath::zeros<float>(r.a_shape);
    switch (r.op) {
    case op_kind::mul: timed(state, r, c.data(), [&] { c = a * b; }); break;
    case op_kind::mul_transposed: timed(state, r, c.data(), [&] { c = a * tmath::transpose(b); }); break;
    case op_kind::fused: {
        const auto c2 = tmath_filled(r.a_shape, pattern_c2);
        timed(state, r, c.data(), [&] { c = a * b + c2 * 2.0f; });
        break;
    }
    }
}

// ---------------------------------------------------------------------------
// Hand-written loops over raw pointers (64-byte aligned storage, like tmath's).
// ---------------------------------------------------------------------------

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

void hand_mul(float* c, const float* a, const float* b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) c[i] = a[i] * b[i];
}
void hand_mul_row(float* c, const float* a, const float* b, std::size_t m, std::size_t n) {
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) c[i * n + j] = a[i * n + j] * b[j];
}
void hand_mul_col(float* c, const float* a, const float* b, std::size_t m, std::size_t n) {
    for (std::size_t i = 0; i < m; ++i) {
        const float bi = b[i];
        for (std::size_t j = 0; j < n; ++j) c[i * n + j] = a[i * n + j] * bi;
    }
}
void hand_mul_transposed(float* c, const float* a, const float* b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) c[i * n + j] = a[i * n + j] * b[j * n + i];
}
void hand_fused(float* c, const float* a, const float* b, const float* c2, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) c[i] = a[i] * b[i] + c2[i] * 2.0f;
}

void bench_hand(benchmark::State& state, const row& r) {
    const std::size_t n = count(r.a_shape);
    const auto a = hand_filled(n, pattern_a);
    const auto b = hand_filled(count(r.b_shape), pattern_b);
    const auto c = hand_filled(n, nullptr);
    float* out = c.get();
    switch (r.op) {
    case op_kind::mul: {
        const std::size_t nb = count(r.b_shape);
        if (nb == n) {
            timed(state, r, out, [&] { hand_mul(out, a.get(), b.get(), n); });
        } else if (r.b_shape.back() == 1) {  // (m, n) * (m, 1)
            const std::size_t cols = r.a_shape.back();
            timed(state, r, out, [&] { hand_mul_col(out, a.get(), b.get(), n / cols, cols); });
        } else {  // b repeats over the leading dims of a: a row broadcast of length nb
            timed(state, r, out, [&] { hand_mul_row(out, a.get(), b.get(), n / nb, nb); });
        }
        break;
    }
    case op_kind::mul_transposed:
        timed(state, r, out, [&] { hand_mul_transposed(out, a.get(), b.get(), r.a_shape[0]); });
        break;
    case op_kind::fused: {
        const auto c2 = hand_filled(n, pattern_c2);
        timed(state, r, out, [&] { hand_fused(out, a.get(), b.get(), c2.get(), n); });
        break;
    }
    }
}

// ---------------------------------------------------------------------------
// Eigen: Array objects, row-major where the shape has two dimensions.
// ---------------------------------------------------------------------------

#ifdef TMATH_BENCH_HAVE_EIGEN
using eigen_vec = Eigen::ArrayXf;
using eigen_row_vec = Eigen::Array<float, 1, Eigen::Dynamic>;
using eigen_mat = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class A>
A eigen_filled(Eigen::Index rows, Eigen::Index cols, float (*pattern)(std::size_t)) {
    A x(rows, cols);
    fill(x.data(), static_cast<std::size_t>(x.size()), pattern);
    return x;
}

void bench_eigen(benchmark::State& state, const row& r) {
    const auto n = static_cast<Eigen::Index>(count(r.a_shape));
    if (r.op == op_kind::fused || (r.op == op_kind::mul && r.a_shape == r.b_shape)) {
        const auto a = eigen_filled<eigen_vec>(n, 1, pattern_a);
        const auto b = eigen_filled<eigen_vec>(n, 1, pattern_b);
        eigen_vec c = eigen_vec::Zero(n);
        if (r.op == op_kind::mul) {
            timed(state, r, c.data(), [&] { c = a * b; });
        } else {
            const auto c2 = eigen_filled<eigen_vec>(n, 1, pattern_c2);
            timed(state, r, c.data(), [&] { c = a * b + c2 * 2.0f; });
        }
        return;
    }
    if (r.op == op_kind::mul_transposed) {
        const auto m = static_cast<Eigen::Index>(r.a_shape[0]);
        const auto a = eigen_filled<eigen_mat>(m, m, pattern_a);
        const auto b = eigen_filled<eigen_mat>(m, m, pattern_b);
        eigen_mat c = eigen_mat::Zero(m, m);
        timed(state, r, c.data(), [&] { c = a * b.transpose(); });
        return;
    }
    if (r.b_shape.back() == 1) {  // (m, n) * (m, 1): scale each row by its own factor
        const auto cols = static_cast<Eigen::Index>(r.a_shape.back());
        const auto a = eigen_filled<eigen_mat>(n / cols, cols, pattern_a);
        const auto b = eigen_filled<eigen_vec>(n / cols, 1, pattern_b);
        eigen_mat c = eigen_mat::Zero(n / cols, cols);
        timed(state, r, c.data(), [&] { c = a.colwise() * b; });
        return;
    }
    // b repeats over a's leading dims: view a as (n / nb, nb) row-major, scale every row by b.
    const auto nb = static_cast<Eigen::Index>(count(r.b_shape));
    const auto a = eigen_filled<eigen_mat>(n / nb, nb, pattern_a);
    const auto b = eigen_filled<eigen_row_vec>(1, nb, pattern_b);
    eigen_mat c = eigen_mat::Zero(n / nb, nb);
    timed(state, r, c.data(), [&] { c = a.rowwise() * b; });
}
#endif

// ---------------------------------------------------------------------------
// xtensor: fixed-rank xt::xtensor, xsimd enabled, assignments through xt::noalias
// (plain `c = expr` would evaluate into a fresh temporary on every call).
// ---------------------------------------------------------------------------

#ifdef TMATH_BENCH_HAVE_XTENSOR
template <std::size_t N>
xt::xtensor<float, N> xtensor_filled(const shape_vec& shape, float (*pattern)(std::size_t)) {
    std::array<std::size_t, N> s{};
    std::copy(shape.begin(), shape.end(), s.begin());
    xt::xtensor<float, N> x(s);
    fill(x.data(), x.size(), pattern);
    return x;
}

template <std::size_t NA, std::size_t NB>
void bench_xtensor_mul(benchmark::State& state, const row& r) {
    const auto a = xtensor_filled<NA>(r.a_shape, pattern_a);
    const auto b = xtensor_filled<NB>(r.b_shape, pattern_b);
    auto c = xtensor_filled<NA>(r.a_shape, nullptr);
    timed(state, r, c.data(), [&] { xt::noalias(c) = a * b; });
}

void bench_xtensor(benchmark::State& state, const row& r) {
    const std::size_t ra = r.a_shape.size();
    const std::size_t rb = r.b_shape.size();
    if (r.op == op_kind::fused) {
        const auto a = xtensor_filled<1>(r.a_shape, pattern_a);
        const auto b = xtensor_filled<1>(r.a_shape, pattern_b);
        const auto c2 = xtensor_filled<1>(r.a_shape, pattern_c2);
        auto c = xtensor_filled<1>(r.a_shape, nullptr);
        timed(state, r, c.data(), [&] { xt::noalias(c) = a * b + c2 * 2.0f; });
    } else if (r.op == op_kind::mul_transposed) {
        const auto a = xtensor_filled<2>(r.a_shape, pattern_a);
        const auto b = xtensor_filled<2>(r.b_shape, pattern_b);
        auto c = xtensor_filled<2>(r.a_shape, nullptr);
        timed(state, r, c.data(), [&] { xt::noalias(c) = a * xt::transpose(b); });
    } else if (ra == 1 && rb == 1) {
        bench_xtensor_mul<1, 1>(state, r);
    } else if (ra == 2 && rb == 1) {
        bench_xtensor_mul<2, 1>(state, r);
    } else if (ra == 2 && rb == 2) {
        bench_xtensor_mul<2, 2>(state, r);
    } else if (ra == 3 && rb == 2) {
        bench_xtensor_mul<3, 2>(state, r);
    } else {
        state.SkipWithError("no xtensor rank combination for this row");
    }
}
#endif

// ---------------------------------------------------------------------------
// Math rows: c = f(a) over 2^20 floats in [-4, 4) for sin, exp, erf, tanh and the
// logistic function, against Eigen's vectorized array functions (erf from its
// SpecialFunctions module, `logistic()` for sigmoid), xtensor's where it has them
// (no sigmoid), and a plain std:: loop. The output is checked to 1e-5 against double.
// ---------------------------------------------------------------------------

enum class math_fn { sin, exp, erf, tanh, sigmoid };

struct math_row {
    const char* name;
    math_fn f;
};

constexpr std::size_t math_size = std::size_t{1} << 20;

float math_input(std::size_t i) { return -4.0f + static_cast<float>((i * 7919) % 8192) * (8.0f / 8192.0f); }

double math_reference(math_fn f, double x) {
    switch (f) {
    case math_fn::sin: return std::sin(x);
    case math_fn::exp: return std::exp(x);
    case math_fn::erf: return std::erf(x);
    case math_fn::tanh: return std::tanh(x);
    case math_fn::sigmoid: return 1.0 / (1.0 + std::exp(-x));
    }
    return 0.0;
}

template <class Step>
void timed_math(benchmark::State& state, math_fn f, const float* out, Step&& step) {
    for (auto _ : state) {
        step();
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * 2 * math_size * sizeof(float)));
    for (std::size_t i = 0; i < math_size; i += 97) {
        const double want = math_reference(f, static_cast<double>(math_input(i)));
        if (std::abs(static_cast<double>(out[i]) - want) > 1e-5 * (1.0 + std::abs(want))) {
            state.SkipWithError("wrong result");
            return;
        }
    }
}

void bench_math_tmath(benchmark::State& state, math_fn f) {
    const auto a = tmath_filled({math_size}, math_input);
    auto c = tmath::zeros<float>({math_size});
    switch (f) {
    case math_fn::sin: timed_math(state, f, c.data(), [&] { c = tmath::sin(a); }); break;
    case math_fn::exp: timed_math(state, f, c.data(), [&] { c = tmath::exp(a); }); break;
    case math_fn::erf: timed_math(state, f, c.data(), [&] { c = tmath::erf(a); }); break;
    case math_fn::tanh: timed_math(state, f, c.data(), [&] { c = tmath::tanh(a); }); break;
    case math_fn::sigmoid: timed_math(state, f, c.data(), [&] { c = tmath::sigmoid(a); }); break;
    }
}

void bench_math_hand(benchmark::State& state, math_fn f) {
    const auto a = hand_filled(math_size, math_input);
    const auto c = hand_filled(math_size, nullptr);
    const float* x = a.get();
    float* y = c.get();
    const auto loop = [&](auto g) {
        for (std::size_t i = 0; i < math_size; ++i) y[i] = g(x[i]);
    };
    switch (f) {
    case math_fn::sin: timed_math(state, f, y, [&] { loop([](float v) { return std::sin(v); }); }); break;
    case math_fn::exp: timed_math(state, f, y, [&] { loop([](float v) { return std::exp(v); }); }); break;
    case math_fn::erf: timed_math(state, f, y, [&] { loop([](float v) { return std::erf(v); }); }); break;
    case math_fn::tanh: timed_math(state, f, y, [&] { loop([](float v) { return std::tanh(v); }); }); break;
    case math_fn::sigmoid:
        timed_math(state, f, y, [&] { loop([](float v) { return 1.0f / (1.0f + std::exp(-v)); }); });
        break;
    }
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void bench_math_eigen(benchmark::State& state, math_fn f) {
    const auto n = static_cast<Eigen::Index>(math_size);
    const auto a = eigen_filled<eigen_vec>(n, 1, math_input);
    eigen_vec c = eigen_vec::Zero(n);
    switch (f) {
    case math_fn::sin: timed_math(state, f, c.data(), [&] { c = a.sin(); }); break;
    case math_fn::exp: timed_math(state, f, c.data(), [&] { c = a.exp(); }); break;
    case math_fn::erf: timed_math(state, f, c.data(), [&] { c = a.erf(); }); break;
    case math_fn::tanh: timed_math(state, f, c.data(), [&] { c = a.tanh(); }); break;
    case math_fn::sigmoid: timed_math(state, f, c.data(), [&] { c = a.logistic(); }); break;
    }
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void bench_math_xtensor(benchmark::State& state, math_fn f) {
    const auto a = xtensor_filled<1>({math_size}, math_input);
    auto c = xtensor_filled<1>({math_size}, nullptr);
    switch (f) {
    case math_fn::sin: timed_math(state, f, c.data(), [&] { xt::noalias(c) = xt::sin(a); }); break;
    case math_fn::exp: timed_math(state, f, c.data(), [&] { xt::noalias(c) = xt::exp(a); }); break;
    case math_fn::erf: timed_math(state, f, c.data(), [&] { xt::noalias(c) = xt::erf(a); }); break;
    case math_fn::tanh: timed_math(state, f, c.data(), [&] { xt::noalias(c) = xt::tanh(a); }); break;
    case math_fn::sigmoid: state.SkipWithError("xtensor has no sigmoid"); break;
    }
}
#endif

void register_math() {
    using bench_fn = void (*)(benchmark::State&, math_fn);
    std::vector<std::pair<const char*, bench_fn>> libs = {{"tmath", bench_math_tmath}};
#ifdef TMATH_BENCH_HAVE_EIGEN
    libs.emplace_back("eigen", bench_math_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    libs.emplace_back("xtensor", bench_math_xtensor);
#endif
    libs.emplace_back("hand", bench_math_hand);
    static constexpr math_row rows[] = {{"sin", math_fn::sin}, {"exp", math_fn::exp}, {"erf", math_fn::erf},
                                        {"tanh", math_fn::tanh}, {"sigmoid", math_fn::sigmoid}};
    for (const math_row& r : rows)
        for (const auto& [lib, fn] : libs) {
            if (r.f == math_fn::sigmoid && std::string(lib) == "xtensor") continue;
            const std::string name = std::string("BM_") + r.name + "/" + lib + "/" + std::to_string(math_size);
            benchmark::RegisterBenchmark(name.c_str(), fn, r.f)->Unit(benchmark::kMicrosecond);
        }
}

// ---------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------

std::vector<row> all_rows() {
    std::vector<row> rows;
    for (std::size_t n : {std::size_t{1} << 10, std::size_t{1} << 15, std::size_t{1} << 20, std::size_t{1} << 24})
        rows.push_back({"mul_contiguous", std::to_string(n), op_kind::mul, {n}, {n}});
    rows.push_back({"mul_bcast_row", "1024x1024", op_kind::mul, {1024, 1024}, {1024}});
    rows.push_back({"mul_bcast_col", "1024x1024", op_kind::mul, {1024, 1024}, {1024, 1}});
    rows.push_back({"mul_bcast_narrow", "4096x7", op_kind::mul, {4096, 7}, {7}});
    rows.push_back({"mul_bcast_batch", "16x256x256", op_kind::mul, {16, 256, 256}, {256, 256}});
    rows.push_back({"mul_transposed", "1024x1024", op_kind::mul_transposed, {1024, 1024}, {1024, 1024}});
    rows.push_back({"fused_mul_add", std::to_string(std::size_t{1} << 20), op_kind::fused, {1 << 20}, {1 << 20}});
    return rows;
}

void register_all() {
    using bench_fn = void (*)(benchmark::State&, const row&);
    std::vector<std::pair<const char*, bench_fn>> libs = {{"tmath", bench_tmath}};
#ifdef TMATH_BENCH_HAVE_EIGEN
    libs.emplace_back("eigen", bench_eigen);
#endif
#ifdef TMATH_BENCH_HAVE_XTENSOR
    libs.emplace_back("xtensor", bench_xtensor);
#endif
    libs.emplace_back("hand", bench_hand);

    for (const row& r : all_rows())
        for (const auto& [lib, fn] : libs) {
            const std::string name = "BM_" + r.name + "/" + lib + "/" + r.label;
            benchmark::RegisterBenchmark(name.c_str(), fn, r)->Unit(benchmark::kMicrosecond);
        }
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // Every array of 4 KiB or more gets its own mmap, so all libraries' arrays start at
    // the same offset within a page. With glibc's default sliding threshold, a freed
    // mmap raises the threshold and later arrays land in the heap at drifting offsets;
    // an output 64 bytes past an input modulo 4 KiB then costs up to a quarter of the
    // throughput (4K aliasing between loads and pending stores), for whichever library
    // happens to get that placement.
    mallopt(M_MMAP_THRESHOLD, 4 * 1024);
#endif
    register_all();
    register_math();
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
