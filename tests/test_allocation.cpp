// Allocation discipline: a fused expression allocates nothing but its destination, and
// nothing at all when assigned into a tensor that already has the result's shape;
// repeated products into existing storage allocate nothing after the first. And
// std::bad_alloc: failing each allocation of an operation in turn, the exception
// propagates, nothing leaks, and a destination being assigned is left unchanged.
// This file replaces the global allocation functions with counting (and, on request,
// failing) ones for the whole test binary.
#if defined(__GNUC__) && !defined(__clang__)
// The replaced operator new and delete are malloc/free based on purpose; at -O1 GCC 12
// inlines std::allocator's delete into the replacement and flags the pair as mismatched.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "catch.hpp"

#include <tmath/tmath.hpp>
#include <tmath/linalg/gemm/gemm.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <new>
#include <vector>

namespace {
thread_local long g_allocations = 0;
thread_local long g_live = 0;            // blocks allocated and not yet freed, on this thread
thread_local long g_fail_countdown = 0;  // when > 0, the allocation that brings it to 0 throws

void* counted_alloc(std::size_t n, std::size_t align) {
    if (g_fail_countdown > 0 && --g_fail_countdown == 0) throw std::bad_alloc();
    ++g_allocations;
    if (n == 0) n = 1;
    void* p = align <= alignof(std::max_align_t) ? std::malloc(n) : std::aligned_alloc(align, (n + align - 1) / align * align);
    if (!p) throw std::bad_alloc();
    ++g_live;
    return p;
}

void counted_free(void* p) noexcept {
    if (p == nullptr) return;
    --g_live;
    std::free(p);
}

/// What failing each allocation of an operation in turn did.
struct injection_report {
    long injected = 0;   ///< runs whose k-th allocation failed with std::bad_alloc
    long leaked = 0;     ///< runs after which the live block count differed from before
    long other = 0;      ///< runs that ended in an exception other than std::bad_alloc
    long changed = 0;    ///< failed runs after which `unchanged()` was false
    long completed = 0;  ///< runs that completed (the last one, when the loop ends)
};

/// Runs `op` with its 1st, 2nd, 3rd, ... allocation failing, until a run allocates
/// fewer times than that and completes. After each failed run, `unchanged()` tells
/// whether the operation's destination still holds its old value.
template <class F, class G>
injection_report fail_each_allocation(F&& op, G&& unchanged) {
    injection_report r;
    for (long k = 1; k < 10000; ++k) {
        const long live = g_live;
        bool failed = false;
        g_fail_countdown = k;
        try {
            op();
        } catch (const std::bad_alloc&) {
            failed = true;
        } catch (...) {
            ++r.other;
        }
        g_fail_countdown = 0;
        if (g_live != live) ++r.leaked;
        if (!failed) {
            ++r.completed;
            return r;
        }
        ++r.injected;
        if (!unchanged()) ++r.changed;
    }
    return r;
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
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }

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

TEST_CASE("allocation: assignment into views and repeated matmul into views allocate nothing", "[allocation]") {
    const auto a = tmath::full<float>({32, 24}, 1.5f);
    const auto row = tmath::full<float>({24}, 2.0f);
    std::vector<float> mem(32 * 24 * 2, 0.0f);
    auto v = tmath::adapt(mem.data(), {32, 24}, {48, 2});  // every other element
    CHECK(allocations_in([&] { v = a * row + 1.0f; }) == 0);
    CHECK(allocations_in([&] { v -= a; }) == 0);
    CHECK(mem[2 * 24 * 2 + 2 * 5] == 1.5f * 2.0f + 1.0f - 1.5f);
    CHECK(mem[1] == 0.0f);

    const auto m = tmath::full<double>({16, 20}, 0.5);
    const auto n = tmath::full<double>({20, 12}, 2.0);
    auto out_t = tmath::zeros<double>({12, 16});
    auto out = tmath::transpose(out_t);  // a (16,12) destination with strides (1,16)
    tmath::matmul(m, n, out);            // the first call may grow the packing buffers
    CHECK(allocations_in([&] {
              for (int i = 0; i < 3; ++i) tmath::matmul(m, n, out);
          }) == 0);
    CHECK(out_t(11, 15) == 20.0);

    const auto ia = tmath::full<std::int32_t>({9, 7}, 2);
    const auto ib = tmath::full<std::int32_t>({7, 5}, 3);
    auto io = tmath::zeros<std::int32_t>({9, 5});
    tmath::matmul(ia, ib, io);
    CHECK(allocations_in([&] {
              for (int i = 0; i < 3; ++i) tmath::matmul(ia, ib, io);
          }) == 0);
    CHECK(io(8, 4) == 42);
}

TEST_CASE("bad_alloc: every allocation of an operation can fail; it propagates and nothing leaks",
          "[allocation][bad_alloc]") {
    const auto a = tmath::full<float>({40, 40}, 1.5f);
    const auto b = tmath::full<float>({40, 40}, 0.5f);
    const auto c = tmath::full<float>({40}, 2.0f);
    const auto always = [] { return true; };
    const auto check = [](const injection_report& r, long at_least) {
        CHECK(r.injected >= at_least);
        CHECK(r.leaked == 0);
        CHECK(r.other == 0);
        CHECK(r.changed == 0);
        CHECK(r.completed == 1);
    };
    const auto copy = [&] { tmath::tensor<float> t(a); };
    const auto fused = [&] { tmath::tensor<float> t = a * b + c; };
    // Products inside an expression: a temporary for the scaled operand, one for the
    // product, and the result.
    const auto product = [&] { tmath::tensor<float> t = tmath::matmul(a * 2.0f, tmath::transpose(b)) + 1.0f; };
    const auto batched = [&] { tmath::tensor<float> t = tmath::matmul(tmath::full<float>({3, 40, 40}, 1.0f) - 0.5f, b); };
    const auto reduction = [&] { auto t = tmath::sum(a * b, 0); };
    const auto softmax = [&] { auto t = tmath::softmax(tmath::transpose(a), 0); };
    for (const auto& op : {std::function<void()>(copy), std::function<void()>(fused), std::function<void()>(product),
                           std::function<void()>(batched), std::function<void()>(reduction),
                           std::function<void()>(softmax)})
        op();  // warm up: the product's packing buffers are allocated once per thread
    check(fail_each_allocation(copy, always), 1);
    check(fail_each_allocation(fused, always), 1);
    check(fail_each_allocation(product, always), 3);
    check(fail_each_allocation(batched, always), 3);
    check(fail_each_allocation(reduction, always), 2);
    check(fail_each_allocation(softmax, always), 1);
    // The results of the last (complete) runs are right.
    const tmath::tensor<float> p = tmath::matmul(a * 2.0f, tmath::transpose(b)) + 1.0f;
    CHECK(p(39, 0) == 3.0f * 0.5f * 40.0f + 1.0f);
}

TEST_CASE("bad_alloc: an assignment that fails to allocate leaves its destination unchanged", "[allocation][bad_alloc]") {
    const auto b = tmath::full<float>({30, 30}, 0.5f);
    auto sq = tmath::full<float>({30, 30}, 1.0f);
    sq(0, 1) = 3.0f;
    const tmath::tensor<float> sq0 = sq;
    const auto sq_unchanged = [&] { return std::equal(sq.begin(), sq.end(), sq0.begin()) && sq.size() == sq0.size(); };
    // In place through a transposed read (a temporary first), and into a product's operand.
    const auto alias = [&] { sq = tmath::transpose(sq) * 2.0f; };
    const auto into_operand = [&] { sq = tmath::matmul(sq, b); };
    into_operand();  // warm up the packing buffers
    sq = sq0;
    auto r = fail_each_allocation(alias, sq_unchanged);
    CHECK(r.injected >= 1);
    CHECK(r.leaked == 0);
    CHECK(r.changed == 0);
    CHECK(sq(1, 0) == 6.0f);  // the completed run
    sq = sq0;
    r = fail_each_allocation(into_operand, sq_unchanged);
    CHECK(r.injected >= 1);
    CHECK(r.leaked == 0);
    CHECK(r.changed == 0);
    CHECK(sq(0, 0) == (29.0f + 3.0f) * 0.5f);

    // A tensor that takes a new shape, by expression and by copy.
    tmath::tensor<float> t = {1, 2, 3};
    const auto t_unchanged = [&] { return t.size() == 3 && t(0) == 1.0f && t(2) == 3.0f; };
    r = fail_each_allocation([&] { t = b * 2.0f; }, t_unchanged);
    CHECK(r.injected >= 1);
    CHECK(r.leaked == 0);
    CHECK(r.changed == 0);
    t = {1, 2, 3};
    r = fail_each_allocation([&] { t = b; }, t_unchanged);
    CHECK(r.injected >= 1);
    CHECK(r.leaked == 0);
    CHECK(r.changed == 0);
    CHECK(t.size() == 900);
}
