#pragma once
/// @file cumulative.hpp
/// `cumsum` and `cumprod`: running sums and products along an axis, or over the
/// flattened array (NumPy's axis=None). Element types as NumPy's: integers and bool
/// accumulate in 64 bits (`sum_result_t`), floating point keeps its type.
///
/// Along the last axis a long row of sums runs as eight independent chains over eight
/// consecutive blocks, then adds each block's carry in with SIMD (a sequential running
/// sum waits on one add per element), the next row's input and output prefetched
/// meanwhile (eight streams within a row hide it from the hardware prefetchers); products, where the order decides between inf, 0
/// and NaN, run sequentially. Along another axis, rows of the inner dimensions are added
/// or multiplied into the next, contiguously.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "tmath/arch/prefetch.hpp"
#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/reductions.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// a + b (Prod false) or a * b (Prod true).
template <bool Prod, class A>
inline A scan_step(A a, A b) noexcept {
    if constexpr (Prod) return static_cast<A>(a * b);
    else return static_cast<A>(a + b);
}

/// Rows shorter than this run as one sequential chain.
inline constexpr std::size_t blocked_scan_min = 256;

/// y[0, n) = the running sum or product of s[0, n) (s == y allowed).
template <bool Prod, class A>
void scan_row(const A* s, A* y, std::size_t n) noexcept {
    if (Prod || n < blocked_scan_min) {
        A acc = Prod ? A(1) : A(0);
        for (std::size_t j = 0; j < n; ++j) y[j] = acc = scan_step<Prod>(acc, s[j]);
        return;
    }
    constexpr std::size_t k = 8;
    const std::size_t c = n / k;  // the last block also takes the n % k remainder
    A acc[k] = {};
    for (std::size_t j = 0; j < c; ++j)
        for (std::size_t b = 0; b < k; ++b) y[b * c + j] = acc[b] = static_cast<A>(acc[b] + s[b * c + j]);
    for (std::size_t j = k * c; j < n; ++j) y[j] = acc[k - 1] = static_cast<A>(acc[k - 1] + s[j]);
    A carry = acc[0];
    for (std::size_t b = 1; b < k; ++b) {
        A* p = y + b * c;
        const std::size_t m = b + 1 == k ? n - b * c : c;
        std::size_t j = 0;
        if constexpr (simd::has_native_batch<A>) {
            constexpr std::size_t w = simd::width<A>;
            const auto cb = simd::splat(carry);
            for (; j + w <= m; j += w) simd::store(p + j, simd::load(p + j) + cb);
        }
        for (; j < m; ++j) p[j] = static_cast<A>(p[j] + carry);
        carry = static_cast<A>(carry + acc[b]);
    }
}

/// Hints the n elements at `s` (read) and `y` (written) into L2.
template <class A>
void prefetch_row(const A* s, A* y, std::size_t n) noexcept {
    constexpr std::size_t line = 64 / sizeof(A);
    const auto ps = reinterpret_cast<std::uintptr_t>(s), py = reinterpret_cast<std::uintptr_t>(y);
    for (std::size_t k = 0; k < n; k += line) {
        arch::prefetch(ps + k * sizeof(A));
        arch::prefetch<arch::cache_level::l2, arch::prefetch_intent::write>(py + k * sizeof(A));
    }
}

/// Scans n rows of `inner` contiguous elements each, `inner` apart: row k of y is the
/// running sum or product of rows 0..k of s (s == y allowed).
template <bool Prod, class A>
void scan_columns(const A* s, A* y, std::size_t n, std::size_t inner) noexcept {
    std::copy(s, s + inner, y);
    for (std::size_t k = 1; k < n; ++k) {
        const A* prev = y + (k - 1) * inner;
        const A* row = s + k * inner;
        A* out = y + k * inner;
        for (std::size_t j = 0; j < inner; ++j) out[j] = scan_step<Prod>(prev[j], row[j]);
    }
}

/// cumsum (Prod false) or cumprod of x along axis k of `shape` (x's shape, or its
/// flattened length for axis=None).
template <bool Prod, tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> scan_along(const E& x, std::span<const std::size_t> shape, std::size_t k) {
    using T = value_type_t<E>;
    using A = sum_result_t<T>;
    tensor<A> y = tensor<A>::uninitialized_of(shape);
    if (y.size() == 0) return y;
    const A* s = nullptr;
    if constexpr (memory_expression<E> && std::is_same_v<std::remove_cv_t<T>, A>) {
        if (is_row_major(std::span<const std::size_t>(x.shape()), std::span<const std::ptrdiff_t>(x.strides())))
            s = x.data();
    }
    if (s == nullptr) {  // converted into the result in row-major order, then scanned in place
        auto v = adapt(y.data(), x.shape());
        v = x;
        s = y.data();
    }
    std::size_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < k; ++i) outer *= shape[i];
    for (std::size_t i = k + 1; i < shape.size(); ++i) inner *= shape[i];
    const std::size_t n = shape[k], block = n * inner;
    for (std::size_t o = 0; o < outer; ++o) {
        if (inner == 1) {
            if (!Prod && n >= blocked_scan_min && o + 1 < outer) prefetch_row(s + (o + 1) * block, y.data() + (o + 1) * block, n);
            scan_row<Prod>(s + o * block, y.data() + o * block, n);
        }
        else scan_columns<Prod>(s + o * block, y.data() + o * block, n, inner);
    }
    return y;
}

/// The flattened running sum or product of x.
template <bool Prod, tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> scan_flat(const E& x) {
    const auto shape = std::span<const std::size_t>(x.shape());
    const shape_t flat{checked_size(shape, Prod ? "cumprod" : "cumsum")};
    return scan_along<Prod>(x, flat.span(), 0);
}

/// The running sum or product of x along `axis` (a rank-0 x takes 0 and -1, as NumPy).
template <bool Prod, tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> scan_axis(const E& x, std::ptrdiff_t axis) {
    const char* op = Prod ? "cumprod" : "cumsum";
    const auto shape = std::span<const std::size_t>(x.shape());
    if (shape.empty()) {
        (void)reduce_axis(axis, 1, op);
        return scan_flat<Prod>(x);
    }
    return scan_along<Prod>(x, shape, reduce_axis(axis, shape.size(), op));
}

}  // namespace tmath::detail

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Running sum of the flattened (row-major) x: a rank-1 tensor of x's size (64-bit for
/// integers and bool).
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> cumsum(const E& x) {
    return detail::scan_flat<false>(x);
}
/// Running sum along `axis` (negative counts from the end); the result has x's shape.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> cumsum(const E& x, std::ptrdiff_t axis) {
    return detail::scan_axis<false>(x, axis);
}

/// Running product of the flattened (row-major) x: a rank-1 tensor of x's size.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> cumprod(const E& x) {
    return detail::scan_flat<true>(x);
}
/// Running product along `axis` (negative counts from the end); the result has x's shape.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> cumprod(const E& x, std::ptrdiff_t axis) {
    return detail::scan_axis<true>(x, axis);
}

}  // namespace tmath
