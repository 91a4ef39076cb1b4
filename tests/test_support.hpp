#pragma once
// Shared helpers of tmath's tests: the edge sizes around the SIMD width, the one
// deterministic filler and the one seeded generator (random shapes and values), an
// independent reference implementation of NumPy broadcasting (shapes and element loops),
// and comparisons that report the first mismatching element.
#include "catch.hpp"
#include "reference_shape.hpp"

#include <tmath/tmath.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

/// Catch2 string matcher "contains substring", spelled per Catch2 major version.
#if TMATH_CATCH_MAJOR >= 3
#define TMATH_CONTAINS(s) Catch::Matchers::ContainsSubstring(s)
#else
#define TMATH_CONTAINS(s) Catch::Matchers::Contains(s)
#endif

/// 1 (the default): the layout sweeps of the product tests run every combination. CI's
/// unoptimized variant builds (sanitizers, other instruction sets, emulation) set it to
/// 0 through the CMake option TMATH_TEST_EXHAUSTIVE=OFF and run a pairwise covering.
#ifndef TMATH_TEST_EXHAUSTIVE
#define TMATH_TEST_EXHAUSTIVE 1
#endif

namespace test {

/// Whether the layout sweeps run every combination (see TMATH_TEST_EXHAUSTIVE).
inline constexpr bool exhaustive = TMATH_TEST_EXHAUSTIVE != 0;

/// Whether combination (i, j, k) of a three-way sweep runs: every one when exhaustive,
/// else those with k == (i + j) mod nk. When the i and j dimensions each have at least
/// nk values, that subset still holds every pair of values of any two dimensions.
constexpr bool pairwise(std::size_t i, std::size_t j, std::size_t k, std::size_t nk) noexcept {
    return exhaustive || k == (i + j) % nk;
}

/// True when the public paths (matmul, dot, sum) run the header-only kernels compiled
/// into the test itself. False when the suite links tmath::kernels (TMATH_KERNELS):
/// then float and double run the tier chosen at run time, whose summation order may
/// differ from the test's own instantiation, so results are compared with it only
/// within the error bounds, not bit for bit.
inline constexpr bool public_paths_header_only =
#if defined(TMATH_KERNELS)
    false;
#else
    true;
#endif

/// The message of the exception of type E that `f()` throws, or a marker saying what
/// happened instead.
template <class E, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<other exception: ") + e.what() + ">";
    }
    return "<no exception>";
}

/// The message of the shape_error `f()` throws, or a marker saying what happened instead.
template <class F>
std::string shape_error_message(F&& f) {
    return message_of<tmath::shape_error>(std::forward<F>(f));
}

/// The elements of a tensor or view in row-major order, read through its iterator.
template <class X>
std::vector<tmath::value_type_t<X>> values(const X& x) {
    std::vector<tmath::value_type_t<X>> v;
    for (auto e : x) v.push_back(e);
    return v;
}

/// The shape of a tensor or view as a test::shape.
template <class X>
shape shape_of(const X& x) {
    return shape(x.shape().begin(), x.shape().end());
}

/// Reference broadcasting of two shapes (NumPy): false when they do not broadcast.
inline bool ref_broadcast(const shape& a, const shape& b, shape& out) {
    const std::size_t r = std::max(a.size(), b.size());
    out.assign(r, 1);
    for (std::size_t i = 0; i < r; ++i) {  // i counts from the right
        const std::size_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
        const std::size_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
        if (x != y && x != 1 && y != 1) return false;
        out[r - 1 - i] = x == 1 ? y : x;
    }
    return true;
}

/// Row-major position, in an operand of shape `in`, of the output index `idx` of a
/// result of shape `out` that `in` broadcasts to (trailing alignment, 1 stretches).
inline std::size_t broadcast_offset(const shape& out, const index& idx, const shape& in) {
    const std::size_t pad = out.size() - in.size();
    std::size_t off = 0;
    for (std::size_t d = 0; d < in.size(); ++d) off = off * in[d] + (in[d] == 1 ? 0 : idx[pad + d]);
    return off;
}

/// Lengths around the SIMD width of T, where head, body and tail bugs live: 0, 1, 2,
/// width ± 1, 2·width + 3, 4·width ± 1, 4·width + 3, and two longer ones (37, 1000),
/// ascending, each once.
template <class T>
std::vector<std::size_t> edge_sizes() {
    const std::size_t w = tmath::simd::width<T>;
    std::vector<std::size_t> s = {0, 1, 2, w - 1, w, w + 1, 2 * w + 3, 4 * w - 1, 4 * w, 4 * w + 1, 4 * w + 3, 37, 1000};
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
}

/// Element k of the deterministic sequence `start`: small integers in [-11, 11] that step
/// by 7 modulo 23, so that elements up to 22 apart differ (a read from the wrong index
/// shows) and sums of products of a few of them stay exact in every element type.
template <class T>
T iota_value(std::size_t k, int start) {
    const std::size_t v = static_cast<std::size_t>(start) + 7 * k;
    return static_cast<T>(static_cast<int>(v % 23) - 11);
}

/// A tensor of shape `s` holding iota_value(k, start) at row-major position k.
template <class T>
tmath::tensor<T> iota_tensor(const shape& s, int start) {
    tmath::tensor<T> t = tmath::empty<T>(s);
    std::size_t k = 0;
    for (auto& x : t) x = iota_value<T>(k++, start);
    return t;
}

/// Seeded generator that gives the same sequence with every standard library
/// (plain modulo and scaling of the engine's output, no library distributions).
class rng {
public:
    explicit rng(std::uint32_t seed) : m_engine(seed) {}

    /// Uniform-ish integer in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine()) % n; }
    bool coin() { return below(2) == 0; }

    /// A factor of a long product: floating point in [-1, 1] (32 random bits), integers
    /// in [-8, 8] (sums of thousands of products stay exact in 32 bits).
    template <class T>
    T unit_value() {
        if constexpr (std::is_floating_point_v<T>)
            return static_cast<T>(static_cast<double>(m_engine()) / 2147483648.0 - 1.0);
        else
            return static_cast<T>(static_cast<int>(below(17)) - 8);
    }

    /// A value of T: integers in a range that keeps triple products exact
    /// ([-1000, 1000] for 32-bit, [-2^20, 2^20] for 64-bit), floats in [-10, 10].
    /// With `nonzero`, never 0.
    template <class T>
    T value(bool nonzero = false) {
        while (true) {
            T v;
            if constexpr (std::is_floating_point_v<T>) {
                v = static_cast<T>(static_cast<double>(static_cast<long>(below(200001)) - 100000) / 10000.0);
            } else if constexpr (sizeof(T) >= 8) {
                v = static_cast<T>(static_cast<long long>(below(2097153)) - 1048576);
            } else {
                v = static_cast<T>(static_cast<long>(below(2001)) - 1000);
            }
            if (!nonzero || v != T(0)) return v;
        }
    }
    template <class T>
    std::vector<T> values(std::size_t n, bool nonzero = false) {
        std::vector<T> v(n);
        for (auto& x : v) x = value<T>(nonzero);
        return v;
    }

    /// A shape of rank [0, max_rank] with extents drawn from {0, 1, 2, 3, 5}; a 0 extent
    /// comes up in about one shape in five.
    shape out_shape(std::size_t max_rank = 6) {
        static constexpr std::size_t extents[] = {1, 2, 3, 5, 1, 2, 3, 5};
        shape s(below(max_rank + 1));
        for (auto& d : s) d = extents[below(8)];
        if (!s.empty() && below(5) == 0) s[below(s.size())] = 0;
        return s;
    }
    /// A shape that broadcasts to `out`: the same rank or fewer (trailing), each
    /// extent either out's or 1.
    shape operand_shape(const shape& out) {
        shape s(out.end() - static_cast<std::ptrdiff_t>(below(out.size() + 1)), out.end());
        for (auto& d : s)
            if (below(3) == 0) d = 1;
        return s;
    }

private:
    std::mt19937 m_engine;
};

/// A tensor of shape `s` holding `v` in row-major order.
template <class T>
tmath::tensor<T> make_tensor(const shape& s, const std::vector<T>& v) {
    tmath::tensor<T> t = tmath::empty<T>(s);
    REQUIRE(t.size() == v.size());
    std::copy(v.begin(), v.end(), t.begin());
    return t;
}

/// Values of the operand `v` (row-major, shape `s`) laid out as its transpose
/// (reversed shape): transpose(tensor_of(reversed(s), result)) reads like `v`.
template <class T>
std::vector<T> transposed_layout(const shape& s, const std::vector<T>& v) {
    const shape rs(s.rbegin(), s.rend());
    std::vector<T> out(v.size());
    for (std::size_t k = 0; k < v.size(); ++k) {
        const index idx = unravel(k, s);
        std::size_t off = 0;
        for (std::size_t d = 0; d < rs.size(); ++d) off = off * rs[d] + idx[rs.size() - 1 - d];
        out[off] = v[k];
    }
    return out;
}

/// Reference element-wise result of f(a, b) over the broadcast shape `out`.
template <class R, class A, class B, class F>
std::vector<R> ref_binary(const shape& out, const shape& sa, const std::vector<A>& a, const shape& sb,
                          const std::vector<B>& b, F f) {
    std::vector<R> r(count(out));
    for (std::size_t k = 0; k < r.size(); ++k) {
        const index idx = unravel(k, out);
        r[k] = static_cast<R>(f(a[broadcast_offset(out, idx, sa)], b[broadcast_offset(out, idx, sb)]));
    }
    return r;
}

/// Tolerance of float comparisons: |got - want| <= abs + rel * |want|.
template <class T>
struct tolerance {
    static constexpr double rel = std::is_same_v<T, float> ? 1e-5 : 1e-12;
    static constexpr double abs = std::is_same_v<T, float> ? 1e-4 : 1e-11;
};

/// Integers exactly, floats within tolerance<T>.
template <class T>
bool close(T got, T want) {
    if constexpr (std::is_floating_point_v<T>) {
        const double g = static_cast<double>(got);
        const double w = static_cast<double>(want);
        return std::abs(g - w) <= tolerance<T>::abs + tolerance<T>::rel * std::abs(w);
    } else {
        return got == want;
    }
}

/// Empty when `got` (a tensor or view, read through its strides) has shape `s` and
/// holds `want` in row-major order; otherwise describes the first difference.
template <class X, class T>
std::string mismatch(const X& got, const shape& s, const std::vector<T>& want) {
    using V = tmath::value_type_t<X>;
    static_assert(std::is_same_v<V, T>, "compare like with like");
    const shape gs(got.shape().begin(), got.shape().end());
    if (gs != s) return "shape " + fmt(gs) + " != expected " + fmt(s);
    if (want.size() != count(s)) return "bad reference";
    for (std::size_t k = 0; k < want.size(); ++k) {
        const index idx = unravel(k, s);
        std::ptrdiff_t off = 0;
        for (std::size_t d = 0; d < idx.size(); ++d) off += static_cast<std::ptrdiff_t>(idx[d]) * got.strides()[d];
        const T g = got.data()[off];
        if (!close(g, want[k])) {
            std::ostringstream os;
            os.precision(17);
            os << "element " << k << " of shape " << fmt(s) << ": got " << +g << ", expected " << +want[k];
            return os.str();
        }
    }
    return {};
}

}  // namespace test
