// Planned (non-flat) assignments of long expressions on a thread with a small stack:
// the operand scratches of one evaluation stay within TMATH_PLANNED_STACK_BYTES, and an
// aliased assignment's pass through a temporary does not nest two evaluators.
#include "catch.hpp"

#include <tmath/tmath.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define TMATH_TEST_HAVE_PTHREAD 1
#endif

namespace {

/// t[0] + (t[1] + (... + (t[N-1] + tail))): one expression of N + 1 memory operands.
template <std::size_t N, class X>
auto sum_of(const std::vector<tmath::tensor<float>>& t, X&& tail) {
    if constexpr (N == 0) return std::forward<X>(tail);
    else return sum_of<N - 1>(t, t[N - 1] + std::forward<X>(tail));
}

#ifdef TMATH_TEST_HAVE_PTHREAD
/// Runs `f` on a new thread with a stack of `bytes`; returns what it threw, if anything.
std::string on_small_stack(std::size_t bytes, std::function<void()> f) {
    struct job {
        std::function<void()> f;
        std::string error;
    } j{std::move(f), {}};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, bytes);
    pthread_t thread;
    const int rc = pthread_create(
        &thread, &attr,
        [](void* p) -> void* {
            auto* jp = static_cast<job*>(p);
            try {
                jp->f();
            } catch (const std::exception& e) {
                jp->error = e.what();
            }
            return nullptr;
        },
        &j);
    pthread_attr_destroy(&attr);
    if (rc != 0) return "pthread_create failed";
    pthread_join(thread, nullptr);
    return j.error;
}
#endif

constexpr std::size_t terms = 23;  // plus the transposed operand: 24 memory operands

// The bound is a property of optimized builds: unoptimized (-O0) and sanitized code
// keeps every inlined frame and temporary of the expression's 24 levels on the stack.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TMATH_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TMATH_TEST_SANITIZED 1
#endif
#if defined(__OPTIMIZE__) && !defined(TMATH_TEST_SANITIZED)
constexpr std::size_t thread_stack = 128 * 1024;  // musl's default thread stack
#else
constexpr std::size_t thread_stack = 4 * 1024 * 1024;
#endif

std::vector<tmath::tensor<float>> make_terms(std::size_t rows, std::size_t cols) {
    std::vector<tmath::tensor<float>> t;
    for (std::size_t k = 0; k < terms; ++k) {
        auto x = tmath::empty<float>({rows, cols});
        for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>((i * 7 + k * 13) % 29);
        t.push_back(std::move(x));
    }
    return t;
}

/// "" when got(i, j) == t[0](i, j) + (t[1](i, j) + (... + base(j, i))) everywhere, else
/// the first element that differs.
std::string sum_mismatch(const tmath::tensor<float>& got, const std::vector<tmath::tensor<float>>& t,
                         const tmath::tensor<float>& base) {
    for (std::size_t i = 0; i < got.shape()[0]; ++i)
        for (std::size_t j = 0; j < got.shape()[1]; ++j) {
            float want = base(j, i);
            for (std::size_t k = terms; k-- > 0;) want = t[k](i, j) + want;
            if (got(i, j) != want)
                return "(" + std::to_string(i) + ", " + std::to_string(j) + "): got " + std::to_string(got(i, j)) +
                       " want " + std::to_string(want);
        }
    return {};
}

}  // namespace

#ifdef TMATH_TEST_HAVE_PTHREAD
TEST_CASE("long expressions with a transposed operand evaluate on a 128 KiB thread stack (musl's default)",
          "[assign][stack]") {
    const std::size_t rows = 33, cols = 40;
    const auto t = make_terms(rows, cols);
    auto s = tmath::empty<float>({cols, rows});
    for (std::size_t i = 0; i < s.size(); ++i) s.data()[i] = static_cast<float>(i % 31);
    auto out = tmath::zeros<float>({rows, cols});
    // The transposed operand takes the strided (tiled) plan with all 24 operands' scratch.
    CHECK(on_small_stack(thread_stack, [&] { out = sum_of<terms>(t, tmath::transpose(s)); }) == "");
    CHECK(sum_mismatch(out, t, s) == "");

    // Aliased: the destination is read transposed, so the expression goes through a
    // temporary first (two evaluations, one after the other).
    const auto sq = make_terms(cols, cols);
    auto a = tmath::empty<float>({cols, cols});
    for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<float>(i % 17);
    const tmath::tensor<float> before = a;
    CHECK(on_small_stack(thread_stack, [&] { a = sum_of<terms>(sq, tmath::transpose(a)); }) == "");
    CHECK(sum_mismatch(a, sq, before) == "");
}
#endif

TEST_CASE("the operand scratch shrinks to share the planned path's stack budget", "[assign][stack]") {
    using tmath::detail::operand_scratch_bytes;
    CHECK(operand_scratch_bytes(1) == TMATH_OPERAND_SCRATCH_BYTES);
    for (std::size_t n = 1; n <= 64; ++n) {
        INFO("operands " << n);
        const std::size_t b = operand_scratch_bytes(n);
        CHECK(b % TMATH_ALIGNMENT == 0);
        CHECK(b <= TMATH_OPERAND_SCRATCH_BYTES);
        CHECK(b >= 1024);
        if (b > 1024) CHECK(n * b <= std::size_t{TMATH_PLANNED_STACK_BYTES});
        if (n * TMATH_OPERAND_SCRATCH_BYTES <= TMATH_PLANNED_STACK_BYTES) CHECK(b == TMATH_OPERAND_SCRATCH_BYTES);
    }
}
