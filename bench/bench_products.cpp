/// @file bench_products.cpp
/// Matrix products of tmath against its peers in the same binary: OpenBLAS (CBLAS)
/// and BLIS (its typed API) when CMake found them (TMATH_BENCH_HAVE_OPENBLAS /
/// TMATH_BENCH_HAVE_BLIS), Eigen 3.4 (TMATH_BENCH_HAVE_EIGEN), and a naive loop (only
/// up to n = 256). Every library runs on one thread.
///
/// Rows (`BM_<row>/<lib>/<size>`, as in bench_elementwise, so that ratios.py lines the
/// peers up): `sgemm` / `dgemm` square row-major C = A·B; `sgemm_tA` / `sgemm_tB` with
/// the stored A (or B) transposed, read through strides (tmath, BLIS), the transpose
/// flag (OpenBLAS) or `.transpose()` (Eigen); `sgemv` a vector × matrix product
/// y(4096) = x(4096)·B(4096×4096), B row-major; `sgemv_n` the matrix × vector product
/// y(4096) = B(4096×4096)·x(4096) (rows of B contiguous). The counter `flops` is 2·m·n·k per
/// iteration, shown per CPU second
/// (Google Benchmark's default, as in bench_elementwise). `svecdot_vec` / `svecdot_rows`:
/// vecdot of (4096,256) with a (256,) or (4096,256) partner against Eigen's rowwise()
/// products and a hand loop; `einsum_bij` / `einsum_bhqd`: einsum against tmath's own
/// matmul on the same attention-shaped operands (the `matmul` column). After timing, 64 outputs are compared with a
/// long double reference; a mismatch marks the run as an error.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <tmath/tmath.hpp>

#ifdef TMATH_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#endif
#ifdef TMATH_BENCH_HAVE_OPENBLAS
#include <cblas.h>
#endif
#if defined(TMATH_USE_OPENMP) && defined(_OPENMP)
#include <omp.h>
#endif

namespace tmath_bench {
#ifdef TMATH_BENCH_HAVE_BLIS
void blis_single_thread();
void blis_gemm(std::size_t, std::size_t, std::size_t, const float*, std::ptrdiff_t, std::ptrdiff_t, const float*,
               std::ptrdiff_t, std::ptrdiff_t, float*, std::ptrdiff_t, std::ptrdiff_t);
void blis_gemm(std::size_t, std::size_t, std::size_t, const double*, std::ptrdiff_t, std::ptrdiff_t, const double*,
               std::ptrdiff_t, std::ptrdiff_t, double*, std::ptrdiff_t, std::ptrdiff_t);
void blis_gemv(std::size_t, std::size_t, const float*, std::ptrdiff_t, std::ptrdiff_t, const float*, float*);
float blis_dot(std::size_t, const float*, const float*);
#endif
}  // namespace tmath_bench

namespace {

/// What a row computes.
enum class op_kind { gemm, gemm_ta, gemm_tb, gemv, gemv_n };

/// 64-byte aligned storage.
template <class T>
struct aligned_array {
    struct deleter {
        void operator()(T* p) const noexcept { std::free(p); }
    };
    std::unique_ptr<T[], deleter> m_data;
    explicit aligned_array(std::size_t n)
        : m_data(static_cast<T*>(std::aligned_alloc(64, (n * sizeof(T) + 63) / 64 * 64))) {}
    T* get() const noexcept { return m_data.get(); }
};

/// Operands of one row: logical A(m×k), B(k×n), C(m×n), all stored row-major (the
/// transposed rows store Aᵀ (k×m) or Bᵀ (n×k)).
template <class T>
struct operands {
    std::size_t m, n, k;
    op_kind op;
    aligned_array<T> a, b, c;
    tmath::tensor_view<T> tmath_a, tmath_b, tmath_c;  ///< the same buffers as tmath views
    operands(op_kind o, std::size_t m_, std::size_t n_, std::size_t k_)
        : m(m_), n(n_), k(k_), op(o), a(m_ * k_), b(k_ * n_), c(m_ * n_),
          tmath_a(o == op_kind::gemv ? tmath::adapt(a.get(), {k}) : tmath::adapt(a.get(), {m, k}, {rsa(), csa()})),
          tmath_b(o == op_kind::gemv_n ? tmath::adapt(b.get(), {k}) : tmath::adapt(b.get(), {k, n}, {rsb(), csb()})),
          tmath_c(o == op_kind::gemv ? tmath::adapt(c.get(), {n})
                  : o == op_kind::gemv_n ? tmath::adapt(c.get(), {m})
                                         : tmath::adapt(c.get(), {m, n})) {
        std::mt19937 rng(42);
        std::uniform_real_distribution<double> d(-1.0, 1.0);
        for (std::size_t i = 0; i < m * k; ++i) a.get()[i] = static_cast<T>(d(rng));
        for (std::size_t i = 0; i < k * n; ++i) b.get()[i] = static_cast<T>(d(rng));
        for (std::size_t i = 0; i < m * n; ++i) c.get()[i] = T(0);
    }
    /// Element strides of the logical A and B.
    std::ptrdiff_t rsa() const { return op == op_kind::gemm_ta ? 1 : static_cast<std::ptrdiff_t>(k); }
    std::ptrdiff_t csa() const { return op == op_kind::gemm_ta ? static_cast<std::ptrdiff_t>(m) : 1; }
    std::ptrdiff_t rsb() const { return op == op_kind::gemm_tb ? 1 : static_cast<std::ptrdiff_t>(n); }
    std::ptrdiff_t csb() const { return op == op_kind::gemm_tb ? static_cast<std::ptrdiff_t>(k) : 1; }
    T a_at(std::size_t i, std::size_t p) const { return a.get()[static_cast<std::ptrdiff_t>(i) * rsa() + static_cast<std::ptrdiff_t>(p) * csa()]; }
    T b_at(std::size_t p, std::size_t j) const { return b.get()[static_cast<std::ptrdiff_t>(p) * rsb() + static_cast<std::ptrdiff_t>(j) * csb()]; }

    /// "" when 64 spread outputs match a long double reference, else a message.
    std::string verify() const {
        std::mt19937 rng(7);
        for (int s = 0; s < 64; ++s) {
            const std::size_t i = rng() % m, j = rng() % n;
            long double ref = 0, mag = 0;
            for (std::size_t p = 0; p < k; ++p) {
                const long double t = static_cast<long double>(a_at(i, p)) * static_cast<long double>(b_at(p, j));
                ref += t;
                mag += std::fabs(t);
            }
            const long double got = c.get()[i * n + j];
            const long double tol = 4.0L * static_cast<long double>(k + 2) * std::numeric_limits<T>::epsilon() * mag;
            if (!(std::fabs(got - ref) <= tol)) {
                char msg[128];
                std::snprintf(msg, sizeof msg, "C(%zu,%zu) = %g, expected %g", i, j, static_cast<double>(got),
                              static_cast<double>(ref));
                return msg;
            }
        }
        return "";
    }
};

/// tmath through its public API: `matmul(a, b, out)` on views of the row's buffers
/// (the transposed rows read through `transpose`-like strides), into the existing C.
template <class T>
void run_tmath(operands<T>& o) {
    tmath::matmul(o.tmath_a, o.tmath_b, o.tmath_c);
}

template <class T>
void run_naive(operands<T>& o) {
    T* c = o.c.get();
    for (std::size_t i = 0; i < o.m; ++i) {
        for (std::size_t j = 0; j < o.n; ++j) c[i * o.n + j] = T(0);
        for (std::size_t p = 0; p < o.k; ++p) {
            const T aip = o.a_at(i, p);
            for (std::size_t j = 0; j < o.n; ++j) c[i * o.n + j] += aip * o.b_at(p, j);
        }
    }
}

#ifdef TMATH_BENCH_HAVE_OPENBLAS
void run_openblas(operands<float>& o) {
    const int m = static_cast<int>(o.m), n = static_cast<int>(o.n), k = static_cast<int>(o.k);
    if (o.op == op_kind::gemv) {
        cblas_sgemv(CblasRowMajor, CblasTrans, k, n, 1.0f, o.b.get(), n, o.a.get(), 1, 0.0f, o.c.get(), 1);
        return;
    }
    if (o.op == op_kind::gemv_n) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, m, k, 1.0f, o.a.get(), k, o.b.get(), 1, 0.0f, o.c.get(), 1);
        return;
    }
    const bool ta = o.op == op_kind::gemm_ta, tb = o.op == op_kind::gemm_tb;
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, o.a.get(),
                ta ? m : k, o.b.get(), tb ? k : n, 0.0f, o.c.get(), n);
}
void run_openblas(operands<double>& o) {
    const int m = static_cast<int>(o.m), n = static_cast<int>(o.n), k = static_cast<int>(o.k);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, o.a.get(), k, o.b.get(), n, 0.0, o.c.get(), n);
}
#endif

#ifdef TMATH_BENCH_HAVE_BLIS
template <class T>
void run_blis(operands<T>& o) {
    if constexpr (std::is_same_v<T, float>) {
        if (o.op == op_kind::gemv) {
            tmath_bench::blis_gemv(o.n, o.k, o.b.get(), 1, static_cast<std::ptrdiff_t>(o.n), o.a.get(), o.c.get());
            return;
        }
        if (o.op == op_kind::gemv_n) {
            tmath_bench::blis_gemv(o.m, o.k, o.a.get(), static_cast<std::ptrdiff_t>(o.k), 1, o.b.get(), o.c.get());
            return;
        }
    }
    tmath_bench::blis_gemm(o.m, o.n, o.k, o.a.get(), o.rsa(), o.csa(), o.b.get(), o.rsb(), o.csb(), o.c.get(),
                           static_cast<std::ptrdiff_t>(o.n), 1);
}
#endif

#ifdef TMATH_BENCH_HAVE_EIGEN
template <class T>
void run_eigen(operands<T>& o) {
    using mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using cmap = Eigen::Map<const mat, Eigen::Aligned64>;
    const auto m = static_cast<Eigen::Index>(o.m), n = static_cast<Eigen::Index>(o.n), k = static_cast<Eigen::Index>(o.k);
    Eigen::Map<mat, Eigen::Aligned64> c(o.c.get(), m, n);
    switch (o.op) {
    case op_kind::gemm: c.noalias() = cmap(o.a.get(), m, k) * cmap(o.b.get(), k, n); break;
    case op_kind::gemm_ta: c.noalias() = cmap(o.a.get(), k, m).transpose() * cmap(o.b.get(), k, n); break;
    case op_kind::gemm_tb: c.noalias() = cmap(o.a.get(), m, k) * cmap(o.b.get(), n, k).transpose(); break;
    case op_kind::gemv: c.noalias() = cmap(o.a.get(), 1, k) * cmap(o.b.get(), k, n); break;
    case op_kind::gemv_n: c.noalias() = cmap(o.a.get(), m, k) * cmap(o.b.get(), k, 1); break;
    }
}
#endif

/// Times `run` on a row's operands and checks the result afterwards.
template <class T, class F>
void bench(benchmark::State& state, op_kind op, std::size_t n, F run) {
    // gemv: x(1×n)·B(n×n); gemv_n: B(n×n)·x(n×1); otherwise n×n·n×n.
    const std::size_t m = op == op_kind::gemv ? 1 : n, cols = op == op_kind::gemv_n ? 1 : n;
    operands<T> o(op, m, cols, n);
    for (auto _ : state) {
        run(o);
        benchmark::DoNotOptimize(o.c.get());
        benchmark::ClobberMemory();
    }
    state.counters["flops"] = benchmark::Counter(2.0 * static_cast<double>(m) * static_cast<double>(cols) * static_cast<double>(n),
                                                 benchmark::Counter::kIsIterationInvariantRate);
    const std::string err = o.verify();
    if (!err.empty()) state.SkipWithError(err.c_str());
}

template <class T>
void register_row(const std::string& row, op_kind op, std::size_t n) {
    // (appends, not operator+: GCC 12 -Wrestrict false positive on "literal" + string)
    const std::string size = std::to_string(n);
    auto add = [&](const std::string& lib, auto run) {
        std::string name = "BM_";
        name.append(row).append("/").append(lib).append("/").append(size);
        benchmark::RegisterBenchmark(name.c_str(),
                                     [op, n, run](benchmark::State& s) { bench<T>(s, op, n, run); })
            ->Unit(benchmark::kMicrosecond);
    };
    add("tmath", [](operands<T>& o) { run_tmath(o); });
#ifdef TMATH_BENCH_HAVE_OPENBLAS
    if (std::is_same_v<T, float> || op == op_kind::gemm) add("openblas", [](operands<T>& o) { run_openblas(o); });
#endif
#ifdef TMATH_BENCH_HAVE_BLIS
    add("blis", [](operands<T>& o) { run_blis(o); });
#endif
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("eigen", [](operands<T>& o) { run_eigen(o); });
#endif
    if (n <= 256) add("naive", [](operands<T>& o) { run_naive(o); });
}

// ---------------------------------------------------------------------------
// Attention-shaped products: S = Q·Kᵀ, batched or with K read transposed.
// ---------------------------------------------------------------------------

/// `attn_batched`: (8,128,64) @ (8,64,128) (numpy.matmul of two stored batches);
/// `attn_qkT`: (512,64) @ transpose((512,64)) -> (512,512), K read through strides.
struct attention {
    std::size_t batch, m, n, k;
    bool k_transposed;  ///< K stored as (n, k) rows and used transposed
    aligned_array<float> q, kk, s;
    tmath::tensor_view<float> tq, tk, ts;
    attention(std::size_t batch_, std::size_t m_, std::size_t n_, std::size_t k_, bool kt)
        : batch(batch_), m(m_), n(n_), k(k_), k_transposed(kt), q(batch_ * m_ * k_), kk(batch_ * k_ * n_),
          s(batch_ * m_ * n_),
          tq(batch_ == 1 ? tmath::adapt(q.get(), {m_, k_}) : tmath::adapt(q.get(), {batch_, m_, k_})),
          tk(kt ? tmath::transpose(tmath::adapt(kk.get(), {n_, k_}))
                : tmath::adapt(kk.get(), {batch_, k_, n_})),
          ts(batch_ == 1 ? tmath::adapt(s.get(), {m_, n_}) : tmath::adapt(s.get(), {batch_, m_, n_})) {
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> d(-1.0f, 1.0f);
        for (std::size_t i = 0; i < batch * m * k; ++i) q.get()[i] = d(rng);
        for (std::size_t i = 0; i < batch * k * n; ++i) kk.get()[i] = d(rng);
    }
    /// Strides of K as a (k × n) operand of batch b.
    std::ptrdiff_t rsk() const { return k_transposed ? 1 : static_cast<std::ptrdiff_t>(n); }
    std::ptrdiff_t csk() const { return k_transposed ? static_cast<std::ptrdiff_t>(k) : 1; }
    const float* k_of(std::size_t b) const { return kk.get() + b * k * n; }
    double flops() const { return 2.0 * static_cast<double>(batch * m * n * k); }
    std::string verify() const {
        std::mt19937 rng(11);
        for (int t = 0; t < 32; ++t) {
            const std::size_t b = rng() % batch, i = rng() % m, j = rng() % n;
            long double ref = 0, mag = 0;
            for (std::size_t p = 0; p < k; ++p) {
                const long double v = static_cast<long double>(q.get()[(b * m + i) * k + p]) *
                                      k_of(b)[static_cast<std::ptrdiff_t>(p) * rsk() + static_cast<std::ptrdiff_t>(j) * csk()];
                ref += v;
                mag += std::fabs(v);
            }
            const long double got = s.get()[(b * m + i) * n + j];
            if (!(std::fabs(got - ref) <= 4.0L * static_cast<long double>(k + 2) * std::numeric_limits<float>::epsilon() * mag))
                return "attention: wrong result";
        }
        return "";
    }
};

void attention_naive(attention& o) {
    for (std::size_t b = 0; b < o.batch; ++b)
        for (std::size_t i = 0; i < o.m; ++i)
            for (std::size_t j = 0; j < o.n; ++j) {
                float acc = 0;
                for (std::size_t p = 0; p < o.k; ++p)
                    acc += o.q.get()[(b * o.m + i) * o.k + p] *
                           o.k_of(b)[static_cast<std::ptrdiff_t>(p) * o.rsk() + static_cast<std::ptrdiff_t>(j) * o.csk()];
                o.s.get()[(b * o.m + i) * o.n + j] = acc;
            }
}

void register_attention(const std::string& row, std::size_t batch, std::size_t rows, std::size_t cols,
                        std::size_t depth, bool kt) {
    const std::string size = batch == 1 ? std::to_string(rows) + "x" + std::to_string(depth) + "_kT"
                                        : std::to_string(batch) + "x" + std::to_string(rows) + "x" + std::to_string(depth);
    auto add = [&](const std::string& lib, auto run) {
        std::string name = "BM_";
        name.append(row).append("/").append(lib).append("/").append(size);
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
            attention o(batch, rows, cols, depth, kt);
            for (auto _ : st) {
                run(o);
                benchmark::DoNotOptimize(o.s.get());
                benchmark::ClobberMemory();
            }
            st.counters["flops"] = benchmark::Counter(o.flops(), benchmark::Counter::kIsIterationInvariantRate);
            const std::string err = o.verify();
            if (!err.empty()) st.SkipWithError(err.c_str());
        })->Unit(benchmark::kMicrosecond);
    };
    add("tmath", [](attention& o) { tmath::matmul(o.tq, o.tk, o.ts); });
#ifdef TMATH_BENCH_HAVE_OPENBLAS
    add("openblas", [](attention& o) {
        const int m = static_cast<int>(o.m), n = static_cast<int>(o.n), k = static_cast<int>(o.k);
        for (std::size_t b = 0; b < o.batch; ++b)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, o.k_transposed ? CblasTrans : CblasNoTrans, m, n, k, 1.0f,
                        o.q.get() + b * o.m * o.k, k, o.k_of(b), o.k_transposed ? k : n, 0.0f,
                        o.s.get() + b * o.m * o.n, n);
    });
#endif
#ifdef TMATH_BENCH_HAVE_BLIS
    add("blis", [](attention& o) {
        for (std::size_t b = 0; b < o.batch; ++b)
            tmath_bench::blis_gemm(o.m, o.n, o.k, o.q.get() + b * o.m * o.k, static_cast<std::ptrdiff_t>(o.k), 1,
                                   o.k_of(b), o.rsk(), o.csk(), o.s.get() + b * o.m * o.n,
                                   static_cast<std::ptrdiff_t>(o.n), 1);
    });
#endif
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("eigen", [](attention& o) {
        using mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
        using cmap = Eigen::Map<const mat, Eigen::Aligned64>;
        const auto m = static_cast<Eigen::Index>(o.m), n = static_cast<Eigen::Index>(o.n),
                   k = static_cast<Eigen::Index>(o.k);
        for (std::size_t b = 0; b < o.batch; ++b) {
            Eigen::Map<mat, Eigen::Aligned64> s(o.s.get() + b * o.m * o.n, m, n);
            const cmap q(o.q.get() + b * o.m * o.k, m, k);
            if (o.k_transposed) s.noalias() = q * cmap(o.k_of(b), n, k).transpose();
            else s.noalias() = q * cmap(o.k_of(b), k, n);
        }
    });
#endif
    add("naive", [](attention& o) { attention_naive(o); });
}

// ---------------------------------------------------------------------------
// dot: x·y over n floats.
// ---------------------------------------------------------------------------

void register_dot(std::size_t n) {
    struct vectors {
        aligned_array<float> x, y;
        tmath::tensor_view<float> tx, ty;
        float result = 0;
        explicit vectors(std::size_t len)
            : x(len), y(len), tx(tmath::adapt(x.get(), {len})), ty(tmath::adapt(y.get(), {len})) {
            std::mt19937 rng(5);
            std::uniform_real_distribution<float> d(-1.0f, 1.0f);
            for (std::size_t i = 0; i < len; ++i) x.get()[i] = d(rng), y.get()[i] = d(rng);
        }
    };
    auto add = [&](const std::string& lib, auto run) {
        std::string name = "BM_sdot/";
        name.append(lib).append("/").append(std::to_string(n));
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
            vectors v(n);
            for (auto _ : st) {
                v.result = run(v);
                benchmark::DoNotOptimize(v.result);
            }
            st.counters["flops"] = benchmark::Counter(2.0 * static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
            long double ref = 0, mag = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const long double t = static_cast<long double>(v.x.get()[i]) * v.y.get()[i];
                ref += t;
                mag += std::fabs(t);
            }
            if (!(std::fabs(v.result - ref) <= 2.0L * static_cast<long double>(n) * std::numeric_limits<float>::epsilon() * mag))
                st.SkipWithError("dot: wrong result");
        })->Unit(benchmark::kMicrosecond);
    };
    add("tmath", [](vectors& v) { return tmath::dot(v.tx, v.ty); });
#ifdef TMATH_BENCH_HAVE_OPENBLAS
    add("openblas", [n](vectors& v) { return cblas_sdot(static_cast<int>(n), v.x.get(), 1, v.y.get(), 1); });
#endif
#ifdef TMATH_BENCH_HAVE_BLIS
    add("blis", [n](vectors& v) { return tmath_bench::blis_dot(n, v.x.get(), v.y.get()); });
#endif
#ifdef TMATH_BENCH_HAVE_EIGEN
    add("eigen", [n](vectors& v) {
        using vec = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned64>;
        return vec(v.x.get(), static_cast<Eigen::Index>(n)).dot(vec(v.y.get(), static_cast<Eigen::Index>(n)));
    });
#endif
    add("naive", [n](vectors& v) {
        float acc = 0;
        for (std::size_t i = 0; i < n; ++i) acc += v.x.get()[i] * v.y.get()[i];
        return acc;
    });
}

// ---------------------------------------------------------------------------
// vecdot: the dot product of each row of A (rows × n) with a shared vector v (n)
// (`svecdot_vec`) or with the same row of B (rows × n) (`svecdot_rows`); peers: Eigen's
// rowwise() products (and, for the shared vector, Eigen's GEMV `A * v`) and a hand loop.
// ---------------------------------------------------------------------------

void register_vecdot(std::size_t rows, std::size_t n, bool shared) {
    struct data {
        std::size_t rows, n;
        aligned_array<float> a, b, y;
        tmath::tensor_view<float> ta, tb;
        explicit data(std::size_t r, std::size_t len, bool vec)
            : rows(r), n(len), a(r * len), b(vec ? len : r * len), y(r), ta(tmath::adapt(a.get(), {r, len})),
              tb(vec ? tmath::adapt(b.get(), {len}) : tmath::adapt(b.get(), {r, len})) {
            std::mt19937 rng(7);
            std::uniform_real_distribution<float> d(-1.0f, 1.0f);
            for (std::size_t i = 0; i < r * len; ++i) a.get()[i] = d(rng);
            for (std::size_t i = 0; i < (vec ? len : r * len); ++i) b.get()[i] = d(rng);
        }
        const float* b_row(std::size_t i, bool vec) const { return b.get() + (vec ? 0 : i * n); }
    };
    const std::string row = shared ? "svecdot_vec" : "svecdot_rows";
    const std::string size = std::to_string(rows) + "x" + std::to_string(n);
    auto add = [&](const std::string& lib, auto run) {
        std::string name = "BM_";
        name.append(row).append("/").append(lib).append("/").append(size);
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
            data o(rows, n, shared);
            for (auto _ : st) {
                run(o);
                benchmark::DoNotOptimize(o.y.get());
                benchmark::ClobberMemory();
            }
            st.counters["flops"] =
                benchmark::Counter(2.0 * static_cast<double>(rows * n), benchmark::Counter::kIsIterationInvariantRate);
            for (std::size_t i = 0; i < rows; i += 97) {
                long double ref = 0, mag = 0;
                for (std::size_t j = 0; j < n; ++j) {
                    const long double t = static_cast<long double>(o.a.get()[i * n + j]) * o.b_row(i, shared)[j];
                    ref += t;
                    mag += std::fabs(t);
                }
                if (!(std::fabs(o.y.get()[i] - ref) <= 2.0L * static_cast<long double>(n) * std::numeric_limits<float>::epsilon() * mag))
                    st.SkipWithError("vecdot: wrong result");
            }
        })->Unit(benchmark::kMicrosecond);
    };
    add("tmath", [](data& o) {
        const tmath::tensor<float> r = tmath::vecdot(o.ta, o.tb);
        std::copy(r.begin(), r.end(), o.y.get());
    });
#ifdef TMATH_BENCH_HAVE_EIGEN
    using mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using cmap = Eigen::Map<const mat, Eigen::Aligned64>;
    using vmap = Eigen::Map<Eigen::VectorXf, Eigen::Aligned64>;
    using cvmap = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned64>;
    if (shared) {
        add("eigen", [](data& o) {
            const auto r = static_cast<Eigen::Index>(o.rows), len = static_cast<Eigen::Index>(o.n);
            vmap(o.y.get(), r) = (cmap(o.a.get(), r, len).array().rowwise() * cvmap(o.b.get(), len).transpose().array())
                                     .rowwise()
                                     .sum();
        });
        add("eigen_gemv", [](data& o) {
            const auto r = static_cast<Eigen::Index>(o.rows), len = static_cast<Eigen::Index>(o.n);
            vmap(o.y.get(), r).noalias() = cmap(o.a.get(), r, len) * cvmap(o.b.get(), len);
        });
    } else {
        add("eigen", [](data& o) {
            const auto r = static_cast<Eigen::Index>(o.rows), len = static_cast<Eigen::Index>(o.n);
            vmap(o.y.get(), r) = (cmap(o.a.get(), r, len).array() * cmap(o.b.get(), r, len).array()).rowwise().sum();
        });
    }
#endif
    add("loop", [shared](data& o) {
        for (std::size_t i = 0; i < o.rows; ++i) {
            const float* x = o.a.get() + i * o.n;
            const float* w = o.b_row(i, shared);
            float acc = 0;
            for (std::size_t j = 0; j < o.n; ++j) acc += x[j] * w[j];
            o.y.get()[i] = acc;
        }
    });
}

// ---------------------------------------------------------------------------
// einsum on attention shapes against tmath's own matmul on the same operands:
// `einsum_bij` "bij,bjk->bik" on (8,128,64) and (8,64,128); `einsum_bhqd`
// "bhqd,bhkd->bhqk" on q, k of (2,4,128,64) (matmul(q, swapaxes(k, -1, -2))).
// ---------------------------------------------------------------------------

void register_einsum(bool heads) {
    struct data {
        tmath::tensor<float> q, k, s;
        explicit data(bool h)
            : q(tmath::empty<float>(h ? tmath::shape_t{2, 4, 128, 64} : tmath::shape_t{8, 128, 64})),
              k(tmath::empty<float>(h ? tmath::shape_t{2, 4, 128, 64} : tmath::shape_t{8, 64, 128})),
              s(tmath::zeros<float>(h ? tmath::shape_t{2, 4, 128, 128} : tmath::shape_t{8, 128, 128})) {
            std::mt19937 rng(9);
            std::uniform_real_distribution<float> d(-1.0f, 1.0f);
            for (float& v : q) v = d(rng);
            for (float& v : k) v = d(rng);
        }
    };
    const std::string row = heads ? "einsum_bhqd" : "einsum_bij";
    const std::string size = heads ? "2x4x128x64" : "8x128x64";
    auto add = [&](const std::string& lib, auto run) {
        std::string name = "BM_";
        name.append(row).append("/").append(lib).append("/").append(size);
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
            data o(heads);
            for (auto _ : st) {
                run(o);
                benchmark::DoNotOptimize(o.s.data());
                benchmark::ClobberMemory();
            }
            st.counters["flops"] = benchmark::Counter(2.0 * 8 * 128 * 128 * 64, benchmark::Counter::kIsIterationInvariantRate);
            const tmath::tensor<float> want = heads ? tmath::tensor<float>(tmath::matmul(o.q, tmath::swapaxes(o.k, -1, -2)))
                                                    : tmath::tensor<float>(tmath::matmul(o.q, o.k));
            if (!tmath::allclose(o.s, want, 1e-4, 1e-4)) st.SkipWithError("einsum: wrong result");
        })->Unit(benchmark::kMicrosecond);
    };
    if (heads) {
        add("tmath", [](data& o) { tmath::einsum("bhqd,bhkd->bhqk", o.q, o.k, o.s); });
        add("matmul", [](data& o) { tmath::matmul(o.q, tmath::swapaxes(o.k, -1, -2), o.s); });
        add("new", [](data& o) { o.s = tmath::einsum("bhqd,bhkd->bhqk", o.q, o.k); });
    } else {
        add("tmath", [](data& o) { tmath::einsum("bij,bjk->bik", o.q, o.k, o.s); });
        add("matmul", [](data& o) { tmath::matmul(o.q, o.k, o.s); });
        add("new", [](data& o) { o.s = tmath::einsum("bij,bjk->bik", o.q, o.k); });
    }
}

#if defined(TMATH_USE_OPENMP) && defined(_OPENMP)
/// tmath's sgemm at n on `threads` OpenMP threads, timed in wall-clock time (the CPU
/// time of a team is the sum over its threads). Registered only with TMATH_OPENMP=ON,
/// as BM_threads/<threads>/<n>; ratios_products.py prints the speed-up.
void register_threads(std::size_t n) {
    for (int threads : {1, 2}) {
        std::string name = "BM_threads/";
        name.append(std::to_string(threads)).append("/").append(std::to_string(n));
        benchmark::RegisterBenchmark(name.c_str(), [n, threads](benchmark::State& s) {
            omp_set_num_threads(threads);
            bench<float>(s, op_kind::gemm, n, [](operands<float>& o) { run_tmath(o); });
            omp_set_num_threads(1);
        })->Unit(benchmark::kMicrosecond)->UseRealTime();
    }
}
#endif

}  // namespace

int main(int argc, char** argv) {
#ifdef TMATH_BENCH_HAVE_OPENBLAS
    openblas_set_num_threads(1);
#endif
#ifdef TMATH_BENCH_HAVE_BLIS
    tmath_bench::blis_single_thread();
#endif
#ifdef TMATH_BENCH_HAVE_EIGEN
    Eigen::setNbThreads(1);
#endif
#if defined(TMATH_USE_OPENMP) && defined(_OPENMP)
    omp_set_num_threads(1);  // built with TMATH_OPENMP=ON: tmath on one thread too
#endif
    for (std::size_t n : {16u, 64u, 256u, 1024u, 2048u}) register_row<float>("sgemm", op_kind::gemm, n);
    for (std::size_t n : {16u, 64u, 256u, 1024u, 2048u}) register_row<double>("dgemm", op_kind::gemm, n);
    register_row<float>("sgemm_tA", op_kind::gemm_ta, 1024);
    register_row<float>("sgemm_tB", op_kind::gemm_tb, 1024);
    register_row<float>("sgemv", op_kind::gemv, 4096);
    register_row<float>("sgemv_n", op_kind::gemv_n, 4096);
    register_attention("attn_batched", 8, 128, 128, 64, false);
    register_attention("attn_qkT", 1, 512, 512, 64, true);
    for (std::size_t n : {std::size_t{1} << 10, std::size_t{1} << 15, std::size_t{1} << 20, std::size_t{1} << 24})
        register_dot(n);
    register_vecdot(4096, 256, true);
    register_vecdot(4096, 256, false);
    register_einsum(false);
    register_einsum(true);
#if defined(TMATH_USE_OPENMP) && defined(_OPENMP)
    register_threads(2048);
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
