/// @file bench_reductions.cpp
/// Reductions and softmax of tmath against its peers in the same binary: Eigen 3.4 and
/// xtensor 0.24 when CMake found them (TMATH_BENCH_HAVE_EIGEN / TMATH_BENCH_HAVE_XTENSOR),
/// and hand-written loops over raw pointers.
///
/// Rows (benchmarks named `BM_<row>/<lib>/<size>` for `ratios.py`): `sum` of a
/// (1024,1024) float array along axis 0, axis 1 and over everything; `max` along axis 0;
/// softmax over the last axis of (8,8,128,128); `argmax`, `var` and `cumsum` along the
/// last axis of (1024,1024) (Eigen: `rowwise().maxCoeff(&i)` per row and its variance
/// expression; no cumsum in Eigen). Inputs are filled before the timing
/// loop; tmath's calls return a fresh tensor each iteration (allocation included), the
/// peers write into preallocated outputs. Bytes count the input read once plus the
/// output written. After timing, the result is checked against a reference.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <tmath/tmath.hpp>

#ifdef TMATH_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
#include <xtensor/xarray.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#endif

namespace {

enum class op_kind { sum_axis0, sum_axis1, sum_all, max_axis0, softmax_last, argmax_last, var_last, cumsum_last };

struct row {
    std::string name;
    std::string label;
    op_kind op;
    std::vector<std::size_t> shape;
};

constexpr std::size_t n_rows = 1024, n_cols = 1024;

std::size_t count(const std::vector<std::size_t>& s) {
    std::size_t n = 1;
    for (std::size_t e : s) n *= e;
    return n;
}

/// Deterministic input values in [-4, 4).
float value_at(std::size_t i) { return static_cast<float>((i * 2654435761u) % 8192u) / 1024.0f - 4.0f; }

std::vector<float> input(const row& r) {
    std::vector<float> v(count(r.shape));
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = value_at(i);
    return v;
}

/// Reference result of the row (double accumulation; softmax rows).
std::vector<double> reference(const row& r, const std::vector<float>& x) {
    std::vector<double> out;
    if (r.op == op_kind::sum_axis0 || r.op == op_kind::max_axis0) {
        out.assign(n_cols, r.op == op_kind::sum_axis0 ? 0.0 : -INFINITY);
        for (std::size_t i = 0; i < n_rows; ++i)
            for (std::size_t j = 0; j < n_cols; ++j)
                out[j] = r.op == op_kind::sum_axis0 ? out[j] + x[i * n_cols + j] : std::max(out[j], double(x[i * n_cols + j]));
    } else if (r.op == op_kind::sum_axis1) {
        out.assign(n_rows, 0.0);
        for (std::size_t i = 0; i < n_rows; ++i)
            for (std::size_t j = 0; j < n_cols; ++j) out[i] += x[i * n_cols + j];
    } else if (r.op == op_kind::sum_all) {
        out.assign(1, 0.0);
        for (float v : x) out[0] += v;
    } else if (r.op == op_kind::argmax_last || r.op == op_kind::var_last) {
        for (std::size_t i = 0; i < n_rows; ++i) {
            const float* p = x.data() + i * n_cols;
            std::size_t at = 0;
            double m = 0, q = 0;
            for (std::size_t j = 0; j < n_cols; ++j) at = p[j] > p[at] ? j : at, m += p[j];
            m /= n_cols;
            for (std::size_t j = 0; j < n_cols; ++j) q += (p[j] - m) * (p[j] - m);
            out.push_back(r.op == op_kind::argmax_last ? double(at) : q / n_cols);
        }
    } else if (r.op == op_kind::cumsum_last) {
        out.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) out[i] = (i % n_cols ? out[i - 1] : 0.0) + x[i];
    } else {
        const std::size_t n = r.shape.back();
        out.resize(x.size());
        for (std::size_t o = 0; o < x.size(); o += n) {
            double m = -INFINITY, s = 0;
            for (std::size_t j = 0; j < n; ++j) m = std::max(m, double(x[o + j]));
            for (std::size_t j = 0; j < n; ++j) s += std::exp(x[o + j] - m);
            for (std::size_t j = 0; j < n; ++j) out[o + j] = std::exp(x[o + j] - m) / s;
        }
    }
    return out;
}

/// Times f (which returns a pointer to its results), sets counters, checks results.
template <class F>
void timed(benchmark::State& state, const row& r, const std::vector<float>& x, F f) {
    decltype(f()) res = nullptr;
    for (auto _ : state) {
        res = f();
        benchmark::DoNotOptimize(res);
        benchmark::ClobberMemory();
    }
    const auto want = reference(r, x);
    const std::size_t n_in = x.size();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>((n_in + want.size()) * sizeof(float)));
    for (std::size_t i = 0; i < want.size(); i += 1 + want.size() / 64)
        if (!(std::abs(double(res[i]) - want[i]) <= 1e-3 * (1 + std::abs(want[i])))) {
            state.SkipWithError(("wrong result at " + std::to_string(i)).c_str());
            return;
        }
}

void bench_tmath(benchmark::State& state, const row& r) {
    const auto x = input(r);
    tmath::tensor<float> a = tmath::empty<float>(r.shape);
    std::copy(x.begin(), x.end(), a.begin());
    tmath::tensor<float> out;
    float scalar = 0;
    if (r.op == op_kind::argmax_last) {
        tmath::tensor<std::int64_t> idx;
        timed(state, r, x, [&]() -> const std::int64_t* {
            idx = tmath::argmax(a, -1);
            return idx.data();
        });
        return;
    }
    timed(state, r, x, [&]() -> const float* {
        switch (r.op) {
        case op_kind::sum_axis0: out = tmath::sum(a, 0); break;
        case op_kind::sum_axis1: out = tmath::sum(a, 1); break;
        case op_kind::sum_all: scalar = tmath::sum(a); return &scalar;
        case op_kind::max_axis0: out = tmath::max(a, 0); break;
        case op_kind::softmax_last: out = tmath::softmax(a, -1); break;
        case op_kind::var_last: out = tmath::var(a, -1); break;
        case op_kind::cumsum_last: out = tmath::cumsum(a, -1); break;
        default: break;
        }
        return out.data();
    });
}

void bench_hand(benchmark::State& state, const row& r) {
    const auto x = input(r);
    const float* a = x.data();
    std::vector<float> out(r.op == op_kind::softmax_last || r.op == op_kind::cumsum_last ? x.size() : std::max(n_rows, n_cols));
    float* o = out.data();
    if (r.op == op_kind::argmax_last) {
        std::vector<std::int64_t> idx(n_rows);
        timed(state, r, x, [&]() -> const std::int64_t* {
            for (std::size_t i = 0; i < n_rows; ++i) {
                const float* p = a + i * n_cols;
                float m = p[0];
                std::size_t at = 0;
                for (std::size_t j = 1; j < n_cols; ++j)
                    if (p[j] > m) m = p[j], at = j;
                idx[i] = static_cast<std::int64_t>(at);
            }
            return idx.data();
        });
        return;
    }
    timed(state, r, x, [&]() -> const float* {
        switch (r.op) {
        case op_kind::sum_axis0:
        case op_kind::max_axis0:
            std::copy(a, a + n_cols, o);
            for (std::size_t i = 1; i < n_rows; ++i)
                for (std::size_t j = 0; j < n_cols; ++j)
                    o[j] = r.op == op_kind::sum_axis0 ? o[j] + a[i * n_cols + j] : std::max(o[j], a[i * n_cols + j]);
            break;
        case op_kind::sum_axis1:
            for (std::size_t i = 0; i < n_rows; ++i) {
                float s = 0;
                for (std::size_t j = 0; j < n_cols; ++j) s += a[i * n_cols + j];
                o[i] = s;
            }
            break;
        case op_kind::sum_all: {
            float s = 0;
            for (std::size_t i = 0; i < x.size(); ++i) s += a[i];
            o[0] = s;
            break;
        }
        case op_kind::softmax_last: {
            const std::size_t n = r.shape.back();
            for (std::size_t b = 0; b < x.size(); b += n) {
                float m = a[b];
                for (std::size_t j = 1; j < n; ++j) m = std::max(m, a[b + j]);
                float s = 0;
                for (std::size_t j = 0; j < n; ++j) s += (o[b + j] = std::exp(a[b + j] - m));
                const float inv = 1.0f / s;
                for (std::size_t j = 0; j < n; ++j) o[b + j] *= inv;
            }
            break;
        }
        case op_kind::var_last:
            for (std::size_t i = 0; i < n_rows; ++i) {
                const float* p = a + i * n_cols;
                float m = 0, q = 0;
                for (std::size_t j = 0; j < n_cols; ++j) m += p[j];
                m /= static_cast<float>(n_cols);
                for (std::size_t j = 0; j < n_cols; ++j) q += (p[j] - m) * (p[j] - m);
                o[i] = q / static_cast<float>(n_cols);
            }
            break;
        case op_kind::cumsum_last:
            for (std::size_t i = 0; i < n_rows; ++i) {
                float s = 0;
                for (std::size_t j = 0; j < n_cols; ++j) o[i * n_cols + j] = s += a[i * n_cols + j];
            }
            break;
        default: break;
        }
        return o;
    });
}

#ifdef TMATH_BENCH_HAVE_EIGEN
void bench_eigen(benchmark::State& state, const row& r) {
    using matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using array = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const auto x = input(r);
    const std::size_t n = r.shape.back(), m = x.size() / n;
    const auto rows = static_cast<Eigen::Index>(m), cols = static_cast<Eigen::Index>(n);
    matrix a = Eigen::Map<const matrix>(x.data(), rows, cols);
    Eigen::RowVectorXf col_out(cols);
    Eigen::VectorXf row_out(rows);
    array y(rows, cols);
    Eigen::ArrayXf mx(rows), sm(rows);
    float scalar = 0;
    if (r.op == op_kind::argmax_last) {
        std::vector<std::int64_t> idx(n_rows);
        timed(state, r, x, [&]() -> const std::int64_t* {
            for (Eigen::Index i = 0; i < rows; ++i) {
                Eigen::Index at = 0;
                a.row(i).maxCoeff(&at);
                idx[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(at);
            }
            return idx.data();
        });
        return;
    }
    timed(state, r, x, [&]() -> const float* {
        switch (r.op) {
        case op_kind::sum_axis0: col_out.noalias() = a.colwise().sum(); return col_out.data();
        case op_kind::sum_axis1: row_out.noalias() = a.rowwise().sum(); return row_out.data();
        case op_kind::sum_all: scalar = a.sum(); return &scalar;
        case op_kind::max_axis0: col_out.noalias() = a.colwise().maxCoeff(); return col_out.data();
        case op_kind::softmax_last:
            mx = a.array().rowwise().maxCoeff();
            y = (a.array().colwise() - mx).exp();
            sm = y.rowwise().sum();
            y.colwise() /= sm;
            return y.data();
        case op_kind::var_last:
            mx = a.array().rowwise().mean();
            sm = (a.array().colwise() - mx).square().rowwise().sum() / static_cast<float>(cols);
            return sm.data();
        default: break;
        }
        return nullptr;
    });
}
#endif

#ifdef TMATH_BENCH_HAVE_XTENSOR
void bench_xtensor(benchmark::State& state, const row& r) {
    const auto x = input(r);
    float scalar = 0;
    if (r.op == op_kind::softmax_last) {
        xt::xtensor<float, 4> a = xt::empty<float>(r.shape);
        std::copy(x.begin(), x.end(), a.begin());
        xt::xtensor<float, 4> y = xt::empty<float>(r.shape);
        xt::xtensor<float, 4> mx, sm;
        timed(state, r, x, [&]() -> const float* {
            mx = xt::amax(a, {3}, xt::keep_dims | xt::evaluation_strategy::immediate);
            y = xt::exp(a - mx);
            sm = xt::sum(y, {3}, xt::keep_dims | xt::evaluation_strategy::immediate);
            y /= sm;
            return y.data();
        });
        return;
    }
    xt::xtensor<float, 2> a = xt::empty<float>(r.shape);
    std::copy(x.begin(), x.end(), a.begin());
    if (r.op == op_kind::argmax_last) {
        xt::xtensor<std::size_t, 1> idx;
        timed(state, r, x, [&]() -> const std::size_t* {
            idx = xt::argmax(a, 1);
            return idx.data();
        });
        return;
    }
    if (r.op == op_kind::cumsum_last) {
        xt::xtensor<float, 2> y;
        timed(state, r, x, [&]() -> const float* {
            y = xt::cumsum(a, 1);
            return y.data();
        });
        return;
    }
    xt::xtensor<float, 1> out = xt::empty<float>({std::max(n_rows, n_cols)});
    timed(state, r, x, [&]() -> const float* {
        switch (r.op) {
        case op_kind::sum_axis0: out = xt::sum(a, {0}, xt::evaluation_strategy::immediate); break;
        case op_kind::sum_axis1: out = xt::sum(a, {1}, xt::evaluation_strategy::immediate); break;
        case op_kind::sum_all: scalar = xt::sum(a, xt::evaluation_strategy::immediate)(); return &scalar;
        case op_kind::max_axis0: out = xt::amax(a, {0}, xt::evaluation_strategy::immediate); break;
        case op_kind::var_last: out = xt::variance(a, std::array<std::size_t, 1>{1}, xt::evaluation_strategy::immediate); break;
        default: break;
        }
        return out.data();
    });
}
#endif

std::vector<row> all_rows() {
    const std::string sq = std::to_string(n_rows) + "x" + std::to_string(n_cols);
    return {
        {"sum_axis0", sq, op_kind::sum_axis0, {n_rows, n_cols}},
        {"sum_axis1", sq, op_kind::sum_axis1, {n_rows, n_cols}},
        {"sum_all", sq, op_kind::sum_all, {n_rows, n_cols}},
        {"max_axis0", sq, op_kind::max_axis0, {n_rows, n_cols}},
        {"softmax_last", "8x8x128x128", op_kind::softmax_last, {8, 8, 128, 128}},
        {"argmax_last", sq, op_kind::argmax_last, {n_rows, n_cols}},
        {"var_last", sq, op_kind::var_last, {n_rows, n_cols}},
        {"cumsum_last", sq, op_kind::cumsum_last, {n_rows, n_cols}},
    };
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
            if (r.op == op_kind::cumsum_last && std::string(lib) == "eigen") continue;  // Eigen has no cumsum
            const std::string name = "BM_" + r.name + "/" + lib + "/" + r.label;
            benchmark::RegisterBenchmark(name.c_str(), fn, r)->Unit(benchmark::kMicrosecond);
        }
}

}  // namespace

int main(int argc, char** argv) {
    register_all();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
