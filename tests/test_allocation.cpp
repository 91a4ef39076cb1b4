// Allocation discipline: a fused expression allocates nothing but its destination, and
// nothing at all when assigned into a tensor that already has the result's shape.
// This file replaces the global allocation functions with counting ones.
#if defined(__GNUC__) && !defined(__clang__)
// The replaced operator new and delete are malloc/free based on purpose; at -O1 GCC 12
// inlines std::allocator's delete into the replacement and flags the pair as mismatched.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "catch.hpp"

#include <tmath/tmath.hpp>
#include <tmath/linalg/gemm/gemm.hpp>

#include <cstdlib>
#include <new>
#include <vector>

namespace {
thread_local long g_allocations = 0;

void* counted_alloc(std::size_t n, std::size_t align) {
    ++g_allocations;
    if (n == 0) n = 1;
    void* p = align <= alignof(std::max_align_t) ? std::malloc(n) : std::aligned_alloc(align, (n + align - 1) / align * align);
    if (!p) throw std::bad_alloc();
    return p;
}

/// Allocations made while running `f`.
template <class F>
long allocations_in(F&& f) {
    const long before = g_allocations;
    f();
    return g_allocations - before;
}
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n, alignof(std::max_align_t)); }
void* operator new[](std::size_t n) { return counted_alloc(n, alignof(std::max_align_t)); }
void* operator new(std::size_t n, std::align_val_t a) { return counted_alloc(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_alloc(n, static_cast<std::size_t>(a)); }
// The nothrow forms too, so that everything the program allocates is freed by free().
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return counted_alloc(n, alignof(std::max_align_t));
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try {
        return counted_alloc(n, static_cast<std::size_t>(a));
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept { return operator new(n, a, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

TEST_CASE("allocation: a fused expression allocates only its destination", "[allocation]") {
    auto a = tmath::full<float>({64, 33}, 1.5f);
    auto b = tmath::full<float>({64, 33}, 2.0f);
    auto c = tmath::full<float>({33}, 3.0f);
    auto col = tmath::full<float>({64, 1}, 0.5f);
    auto r = tmath::zeros<float>({64, 33});
    float* storage = r.data();

    CHECK(allocations_in([&] { r = a * b + c * 2.0f; }) == 0);
    CHECK(r.data() == storage);
    CHECK(r(63, 32) == 1.5f * 2.0f + 3.0f * 2.0f);
    CHECK(allocations_in([&] { r = a * col - tmath::transpose(tmath::transpose(b)); }) == 0);
    CHECK(allocations_in([&] { r += c; }) == 0);
    CHECK(allocations_in([&] { r *= col; }) == 0);
    CHECK(allocations_in([&] { tmath::tensor<float> fresh = a * b + c * 2.0f; }) == 1);
    // A transposed operand (strided loop) allocates nothing either.
    auto sq = tmath::full<float>({40, 40}, 1.0f);
    auto out = tmath::zeros<float>({40, 40});
    CHECK(allocations_in([&] { out = sq * tmath::transpose(sq); }) == 0);
    // Aliasing through a different mapping needs exactly one temporary.
    CHECK(allocations_in([&] { sq = tmath::transpose(sq) * 2.0f; }) == 1);
}

TEST_CASE("allocation: where over a comparison fuses into one pass", "[allocation][where]") {
    auto a = tmath::full<float>({64, 33}, -1.5f);
    auto b = tmath::full<float>({64, 33}, 2.0f);
    auto row = tmath::full<float>({33}, 0.5f);
    a(3, 4) = 7.0f;
    auto r = tmath::zeros<float>({64, 33});
    CHECK(allocations_in([&] { r = tmath::where(a > 0.0f, a, b); }) == 0);
    CHECK(r(3, 4) == 7.0f);
    CHECK(r(0, 0) == 2.0f);
    CHECK(allocations_in([&] { r = tmath::where(a > row, tmath::exp(a), 0.01f * a); }) == 0);
    CHECK(allocations_in([&] { r = tmath::maximum(a, 0.0f) + tmath::sigmoid(b) * tmath::pow(row, 2.0f); }) == 0);
    CHECK(allocations_in([&] { tmath::tensor<float> fresh = tmath::where(a > 0.0f, a, 0.01f * a); }) == 1);
}

TEST_CASE("allocation: repeated products reuse their packing buffers", "[allocation][gemm]") {
    using tmath::detail::gemm;
    std::vector<float> a(300 * 300, 1.0f), b(300 * 300, 0.5f), c(300 * 300, 0.0f);
    const auto run = [&](std::size_t m, std::size_t n, std::size_t k, bool transposed_a) {
        const tmath::detail::strided_matrix<const float> av =
            transposed_a ? tmath::detail::strided_matrix<const float>{a.data(), 1, static_cast<std::ptrdiff_t>(m)}
                         : tmath::detail::strided_matrix<const float>{a.data(), static_cast<std::ptrdiff_t>(k), 1};
        gemm<float>(m, n, k, 1.0f, av, {b.data(), static_cast<std::ptrdiff_t>(n), 1}, 0.0f,
                    {c.data(), static_cast<std::ptrdiff_t>(n), 1});
    };
    // Packed path (several K blocks), small path, and both GEMV orientations.
    const auto all = [&] {
        run(300, 300, 300, false);
        run(300, 250, 290, true);
        run(16, 16, 16, false);
        run(1, 300, 300, false);
        run(300, 1, 300, true);
    };
    all();  // the first calls may grow the buffers
    CHECK(allocations_in(all) == 0);
    CHECK(c[0] == 0.5f * 300);
}

TEST_CASE("allocation: matmul into existing storage allocates nothing after the first call", "[allocation][matmul]") {
    const auto a = tmath::full<float>({3, 64, 48}, 0.5f);
    const auto b = tmath::full<float>({48, 80}, 2.0f);
    auto out = tmath::zeros<float>({3, 64, 80});
    const auto all = [&] {
        tmath::matmul(a, b, out);
        out = tmath::matmul(a, b);
        out += tmath::matmul(a, b);
        out = 2.0f * tmath::matmul(a, tmath::transpose(tmath::transpose(b)));
    };
    all();  // the first products may grow the packing buffers
    CHECK(allocations_in(all) == 0);
    CHECK(out(2, 63, 79) == 2.0f * 48.0f);
    const auto v = tmath::full<float>({48}, 1.0f);
    auto y = tmath::zeros<float>({3, 64});
    tmath::matmul(a, v, y);
    CHECK(allocations_in([&] { tmath::matmul(a, v, y); }) == 0);
    CHECK(allocations_in([&] { (void)tmath::dot(v, v * 2.0f); }) == 0);
    CHECK(y(1, 5) == 24.0f);
}
