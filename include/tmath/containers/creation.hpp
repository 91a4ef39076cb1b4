#pragma once
/// @file creation.hpp
/// NumPy's creation functions beyond the shape factories: `arange`, `linspace`, `eye`,
/// and `zeros_like` / `ones_like` / `full_like` / `empty_like`, which take the shape
/// (and, unless told otherwise, the element type) of a tensor, view or expression.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/factories.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// A number as NumPy prints it in an error message.
template <arithmetic A>
std::string number_text(A v) {
    if constexpr (std::is_floating_point_v<A>) {
        std::string s = std::to_string(v);
        while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
        return s;
    } else {
        return std::to_string(v);
    }
}

/// NumPy's length of `arange(start, stop, step)`: ceil((stop - start) / step), at least
/// 0; exact for integers. Throws std::invalid_argument for a zero or NaN step, a NaN
/// bound, or a length no tensor can hold.
template <arithmetic S1, arithmetic S2, arithmetic S3>
std::size_t arange_length(S1 start, S2 stop, S3 step) {
    const auto args = [&] {
        return " (start " + number_text(start) + ", stop " + number_text(stop) + ", step " + number_text(step) + ")";
    };
    if (step == S3(0)) throw std::invalid_argument("arange: step must not be zero" + args());
    if constexpr (std::is_integral_v<S1> && std::is_integral_v<S2> && std::is_integral_v<S3>) {
        // Exact in 64-bit unsigned arithmetic: the distance between two 64-bit bounds
        // fits, and std::cmp_less compares mixed signedness correctly.
        const bool up = step > 0;
        const std::uint64_t s = up ? static_cast<std::uint64_t>(step) : std::uint64_t{0} - static_cast<std::uint64_t>(step);
        const bool nonempty = up ? std::cmp_less(start, stop) : std::cmp_less(stop, start);
        if (!nonempty) return 0;
        const std::uint64_t d = up ? static_cast<std::uint64_t>(stop) - static_cast<std::uint64_t>(start)
                                   : static_cast<std::uint64_t>(start) - static_cast<std::uint64_t>(stop);
        const std::uint64_t n = d / s + (d % s != 0 ? 1 : 0);
        if (n > static_cast<std::uint64_t>(std::numeric_limits<std::ptrdiff_t>::max()))
            throw std::invalid_argument("arange: length too large" + args());
        return static_cast<std::size_t>(n);
    } else {
        const double n = std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step));
        if (std::isnan(n)) throw std::invalid_argument("arange: cannot compute length" + args());
        if (n <= 0) return 0;
        if (n >= 9.0e18) throw std::invalid_argument("arange: length too large" + args());
        return static_cast<std::size_t>(n);
    }
}

}  // namespace detail

/// NumPy's `arange(start, stop, step)`: evenly spaced values in [start, stop) (or
/// (stop, start] for a negative step), `ceil((stop - start) / step)` of them. As NumPy,
/// element i is `v0 + i * (v1 - v0)` computed in T, where v0 = T(start) and
/// v1 = T(start + step). Throws std::invalid_argument for a zero step.
template <arithmetic T, arithmetic S1, arithmetic S2, arithmetic S3 = int>
tensor<T> arange(S1 start, S2 stop, S3 step = 1) {
    const std::size_t n = detail::arange_length(start, stop, step);
    tensor<T> t = empty<T>({n});
    if (n == 0) return t;
    T* p = t.data();
    p[0] = static_cast<T>(start);
    if (n == 1) return t;
    using wide = std::conditional_t<std::is_floating_point_v<S1> || std::is_floating_point_v<S3>, double,
                                    std::common_type_t<S1, S3, std::int64_t>>;
    const T v1 = static_cast<T>(static_cast<wide>(start) + static_cast<wide>(step));
    const T delta = static_cast<T>(v1 - p[0]);
    for (std::size_t i = 1; i < n; ++i) p[i] = static_cast<T>(p[0] + static_cast<T>(i) * delta);
    return t;
}

/// NumPy's `arange(stop)`: 0, 1, ..., up to but excluding `stop`.
template <arithmetic T, arithmetic S>
tensor<T> arange(S stop) {
    return arange<T>(S(0), stop, 1);
}

/// NumPy's `linspace(start, stop, num, endpoint)`: `num` evenly spaced values from
/// `start` to `stop` (included unless `endpoint` is false), computed in double and then
/// converted to T (integers round toward minus infinity, as NumPy). Throws
/// std::invalid_argument for a negative `num`.
template <arithmetic T>
tensor<T> linspace(double start, double stop, std::ptrdiff_t num, bool endpoint = true) {
    if (num < 0)
        throw std::invalid_argument("linspace: number of samples, " + std::to_string(num) + ", must be non-negative");
    const auto n = static_cast<std::size_t>(num);
    tensor<T> t = empty<T>({n});
    const std::size_t div = endpoint ? (n == 0 ? 0 : n - 1) : n;
    const double delta = stop - start;
    const double step = div > 0 ? delta / static_cast<double>(div) : std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<double>(i);
        double y;
        if (div == 0) y = x * delta;
        else if (step == 0) y = x / static_cast<double>(div) * delta;
        else y = x * step;
        y += start;
        if (endpoint && n > 1 && i == n - 1) y = stop;
        if constexpr (std::is_integral_v<T>) y = std::floor(y);
        t.data()[i] = static_cast<T>(y);
    }
    return t;
}

/// NumPy's `eye(n, m, k)`: an n×m tensor of zeros with ones on diagonal `k` (0 the
/// main diagonal, positive above it, negative below).
template <element T>
tensor<T> eye(std::size_t n, std::size_t m, std::ptrdiff_t k = 0) {
    tensor<T> t = zeros<T>({n, m});
    for (std::size_t i = 0; i < n; ++i) {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j >= 0 && static_cast<std::size_t>(j) < m) t.data()[i * m + static_cast<std::size_t>(j)] = T(1);
    }
    return t;
}
/// NumPy's `eye(n)`: the n×n identity.
template <element T>
tensor<T> eye(std::size_t n) {
    return eye<T>(n, n, 0);
}

namespace detail {
/// The element type of a `*_like` result: U, or the expression's own when U is void.
template <class U, class E>
using like_t = std::conditional_t<std::is_void_v<U>, value_type_t<E>, U>;
}  // namespace detail

/// An uninitialized tensor of x's shape, of x's element type (or U).
template <class U = void, tensor_expression E>
tensor<detail::like_t<U, E>> empty_like(const E& x) {
    return tensor<detail::like_t<U, E>>::uninitialized_of(std::span<const std::size_t>(x.shape()));
}
/// A tensor of x's shape, of x's element type (or U), filled with `value`.
template <class U = void, tensor_expression E, element V>
tensor<detail::like_t<U, E>> full_like(const E& x, V value) {
    auto t = empty_like<U>(x);
    for (auto& e : t) e = static_cast<detail::like_t<U, E>>(value);
    return t;
}
/// A tensor of zeros of x's shape, of x's element type (or U).
template <class U = void, tensor_expression E>
tensor<detail::like_t<U, E>> zeros_like(const E& x) {
    return full_like<U>(x, detail::like_t<U, E>(0));
}
/// A tensor of ones of x's shape, of x's element type (or U).
template <class U = void, tensor_expression E>
tensor<detail::like_t<U, E>> ones_like(const E& x) {
    return full_like<U>(x, detail::like_t<U, E>(1));
}

}  // namespace tmath
