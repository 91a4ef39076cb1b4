// The compiled component tmath::kernels against tmath's own -march=native build: one
// source, two programs (bench/CMakeLists.txt). bench_kernels is built with no -march
// flag and linked with tmath::kernels (the tier chosen at run time; TMATH_ARCH caps it);
// bench_kernels_native is the header-only build with -march=native. Both run sgemm and
// dgemm 256/1024/2048 and sgemm 16 through matmul(a, b, out), dot 1024 and 32K, sum 1M,
// and OpenBLAS's sgemm and dgemm (one thread is the library's setting: run with
// OPENBLAS_NUM_THREADS=1) when it is found, and `c = f(x)` over 1M floats for exp, log,
// tanh, erf and sin: through the public call (the component's loop where it is linked;
// sin is not one of its functions, the row shows what stays with the program's flags)
// and through the header's own loop of the program (`<f>_header`: a given tuning record
// keeps the header's code, SSE2 in the build with no -march flag), and softmax along the
// last axis of (1024, 1024) floats the same two ways. The context line
// "tmath_kernels" names the kernels that ran.
#include <tmath/tmath.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#if defined(TMATH_BENCH_HAVE_OPENBLAS)
#include <cblas.h>
#endif

namespace {

/// A tensor of shape `shape` with values in [-1, 1) from a fixed sequence.
template <class T>
tmath::tensor<T> filled(std::initializer_list<std::size_t> shape, std::uint32_t seed) {
    tmath::tensor<T> t = tmath::empty<T>(shape);
    std::uint32_t s = seed;
    for (T& x : t) {
        s = s * 1664525u + 1013904223u;
        x = static_cast<T>(static_cast<double>(s >> 8) / 8388608.0 - 1.0);
    }
    return t;
}

template <class T>
void bm_gemm(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = filled<T>({n, n}, 1), b = filled<T>({n, n}, 2);
    auto c = tmath::zeros<T>({n, n});
    for (auto _ : state) {
        tmath::matmul(a, b, c);
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    const double nd = static_cast<double>(n);
    state.counters["flops"] = benchmark::Counter(2.0 * nd * nd * nd, benchmark::Counter::kIsIterationInvariantRate);
}

#if defined(TMATH_BENCH_HAVE_OPENBLAS)
template <class T>
void bm_openblas_gemm(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = filled<T>({n, n}, 1), b = filled<T>({n, n}, 2);
    auto c = tmath::zeros<T>({n, n});
    const int ni = static_cast<int>(n);
    for (auto _ : state) {
        if constexpr (sizeof(T) == 4)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, ni, ni, 1.0f, a.data(), ni, b.data(), ni, 0.0f,
                        c.data(), ni);
        else
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, ni, ni, 1.0, a.data(), ni, b.data(), ni, 0.0,
                        c.data(), ni);
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    const double nd = static_cast<double>(n);
    state.counters["flops"] = benchmark::Counter(2.0 * nd * nd * nd, benchmark::Counter::kIsIterationInvariantRate);
}
#endif

void bm_sdot(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto x = filled<float>({n}, 3), y = filled<float>({n}, 4);
    for (auto _ : state) benchmark::DoNotOptimize(tmath::dot(x, y));
    state.counters["flops"] =
        benchmark::Counter(2.0 * static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

void bm_ssum(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto x = filled<float>({n}, 5);
    for (auto _ : state) benchmark::DoNotOptimize(tmath::sum(x));
    state.counters["bytes"] = benchmark::Counter(4.0 * static_cast<double>(n),
                                                 benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::OneK::kIs1024);
}

/// c = f(x) over 1M floats in [0.5, 2.5) (every function's domain), through the public
/// assignment or (header_loop) the header's loop on this processor's record.
template <class F>
void bm_math(benchmark::State& state, F f, bool header_loop) {
    const std::size_t n = std::size_t{1} << 20;
    const tmath::tensor<float> x = tmath::eval(filled<float>({n}, 6) + 1.5f);
    auto c = tmath::zeros<float>({n});
    const std::size_t shape[1] = {n};
    const std::ptrdiff_t strides[1] = {1};
    for (auto _ : state) {
        if (header_loop)
            tmath::detail::assign_into(c.data(), std::span<const std::size_t>(shape),
                                       std::span<const std::ptrdiff_t>(strides), f(x), tmath::arch::this_processor());
        else c = f(x);
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    state.counters["bytes"] = benchmark::Counter(8.0 * static_cast<double>(n),
                                                 benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::OneK::kIs1024);
}

/// softmax along the last axis of (n, n) floats into an existing tensor: the entry
/// tmath::softmax runs (the component's where it is linked) or (header_loop) the
/// header's rows of the program. (The public call also allocates its result.)
void bm_softmax(benchmark::State& state, bool header_loop) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const tmath::tensor<float> x = filled<float>({n, n}, 7);
    tmath::tensor<float> y = tmath::zeros<float>({n, n});
    for (auto _ : state) {
        if (header_loop) {
            tmath::detail::softmax_blocks<false, float>(x.data(), y.data(), n, n, 1, nullptr, nullptr);
        } else {
#if defined(TMATH_KERNELS)
            tmath::detail::component_softmax<float>(false, x.data(), y.data(), n, n, 1, nullptr, nullptr);
#else
            tmath::detail::softmax_blocks<false, float>(x.data(), y.data(), n, n, 1, nullptr, nullptr);
#endif
        }
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
}

const auto exp_of = [](const tmath::tensor<float>& x) { return tmath::exp(x); };
const auto log_of = [](const tmath::tensor<float>& x) { return tmath::log(x); };
const auto tanh_of = [](const tmath::tensor<float>& x) { return tmath::tanh(x); };
const auto erf_of = [](const tmath::tensor<float>& x) { return tmath::erf(x); };
const auto sin_of = [](const tmath::tensor<float>& x) { return tmath::sin(x); };

}  // namespace

BENCHMARK(bm_gemm<float>)->Name("sgemm")->Arg(16)->Arg(256)->Arg(1024)->Arg(2048)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_gemm<double>)->Name("dgemm")->Arg(256)->Arg(1024)->Arg(2048)->Unit(benchmark::kMicrosecond);
#if defined(TMATH_BENCH_HAVE_OPENBLAS)
BENCHMARK(bm_openblas_gemm<float>)->Name("openblas_sgemm")->Arg(16)->Arg(256)->Arg(1024)->Arg(2048)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_openblas_gemm<double>)->Name("openblas_dgemm")->Arg(256)->Arg(1024)->Arg(2048)->Unit(benchmark::kMicrosecond);
#endif
BENCHMARK(bm_sdot)->Name("sdot")->Arg(1024)->Arg(32768);
BENCHMARK(bm_ssum)->Name("ssum")->Arg(1 << 20);
BENCHMARK_CAPTURE(bm_math, exp, exp_of, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, exp_header, exp_of, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, log, log_of, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, log_header, log_of, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, tanh, tanh_of, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, tanh_header, tanh_of, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, erf, erf_of, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, erf_header, erf_of, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, sin, sin_of, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_math, sin_header, sin_of, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_softmax, rows, false)->Arg(1024)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_softmax, rows_header, true)->Arg(1024)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
    const tmath::kernels_report r = tmath::kernels_info();
    benchmark::AddCustomContext("tmath_kernels", r.compiled ? r.tier + " (compiled component, best supported: " +
                                                                  r.supported + ")"
                                                            : r.tier);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
