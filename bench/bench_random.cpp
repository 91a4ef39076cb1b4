/// @file bench_random.cpp
/// Random fills of tmath (`random::generator`, Philox4x32-10 on SIMD batches) against
/// the standard library's distributions with `std::mt19937` writing into the same tmath
/// tensor (a preallocated one; tmath's calls return a fresh tensor each iteration,
/// allocation included).
///
/// Rows (benchmarks named `BM_<row>/<lib>/<size>` for `ratios.py`): `normal` and
/// `uniform` fills of 2^20 floats, `integers` of 2^20 int32 in [0, 1000) and
/// `bernoulli` of 2^20 bools (p = 0.9, the dropout mask). Counters: items/s and bytes
/// written per second. After timing, the mean of the last fill is checked.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <stdexcept>

#include <tmath/tmath.hpp>

namespace {

constexpr std::size_t n = std::size_t{1} << 20;

template <class T>
void finish(benchmark::State& state, const tmath::tensor<T>& t, double want, double tol) {
    double sum = 0;
    for (T v : t) sum += static_cast<double>(v);
    if (std::abs(sum / static_cast<double>(t.size()) - want) > tol) state.SkipWithError("wrong mean");
    const auto items = state.iterations() * static_cast<std::int64_t>(n);
    state.SetItemsProcessed(items);
    state.SetBytesProcessed(items * static_cast<std::int64_t>(sizeof(T)));
}

void normal_tmath(benchmark::State& state) {
    tmath::random::generator g(1);
    for (auto _ : state) {
        auto t = tmath::random::normal<float>({n}, 0.f, 1.f, g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, tmath::random::normal<float>({n}, 0.f, 1.f, g), 0.0, 0.01);
}
void normal_std(benchmark::State& state) {
    std::mt19937 g(1);
    std::normal_distribution<float> d(0.f, 1.f);
    auto t = tmath::empty<float>({n});
    for (auto _ : state) {
        for (float& v : t) v = d(g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, t, 0.0, 0.01);
}
void uniform_tmath(benchmark::State& state) {
    tmath::random::generator g(1);
    for (auto _ : state) {
        auto t = tmath::random::uniform<float>({n}, 0.f, 1.f, g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, tmath::random::uniform<float>({n}, 0.f, 1.f, g), 0.5, 0.01);
}
void uniform_std(benchmark::State& state) {
    std::mt19937 g(1);
    std::uniform_real_distribution<float> d(0.f, 1.f);
    auto t = tmath::empty<float>({n});
    for (auto _ : state) {
        for (float& v : t) v = d(g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, t, 0.5, 0.01);
}
void integers_tmath(benchmark::State& state) {
    tmath::random::generator g(1);
    for (auto _ : state) {
        auto t = tmath::random::integers<std::int32_t>({n}, 0, 1000, g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, tmath::random::integers<std::int32_t>({n}, 0, 1000, g), 499.5, 2.0);
}
void integers_std(benchmark::State& state) {
    std::mt19937 g(1);
    std::uniform_int_distribution<std::int32_t> d(0, 999);
    auto t = tmath::empty<std::int32_t>({n});
    for (auto _ : state) {
        for (auto& v : t) v = d(g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, t, 499.5, 2.0);
}
void bernoulli_tmath(benchmark::State& state) {
    tmath::random::generator g(1);
    for (auto _ : state) {
        auto t = tmath::random::bernoulli({n}, 0.9, g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, tmath::random::bernoulli({n}, 0.9, g), 0.9, 0.01);
}
void bernoulli_std(benchmark::State& state) {
    std::mt19937 g(1);
    std::bernoulli_distribution d(0.9);
    auto t = tmath::empty<bool>({n});
    for (auto _ : state) {
        for (bool& v : t) v = d(g);
        benchmark::DoNotOptimize(t.data());
    }
    finish(state, t, 0.9, 0.01);
}

}  // namespace

BENCHMARK(normal_tmath)->Name("BM_normal/tmath/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(normal_std)->Name("BM_normal/std/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(uniform_tmath)->Name("BM_uniform/tmath/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(uniform_std)->Name("BM_uniform/std/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(integers_tmath)->Name("BM_integers/tmath/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(integers_std)->Name("BM_integers/std/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(bernoulli_tmath)->Name("BM_bernoulli/tmath/1048576")->Unit(benchmark::kMicrosecond);
BENCHMARK(bernoulli_std)->Name("BM_bernoulli/std/1048576")->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
