#pragma once
/// @file reshape.hpp
/// `reshape` and `ravel`: the same elements, in row-major order, under another shape. A
/// view when the memory allows it (as NumPy gives a view), a tensor for an expression or
/// a temporary tensor.

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/slicing.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// `(2,-1)`: a requested shape as the user wrote it.
template <class R>
std::string format_requested(const R& spec) {
    std::string s = "(";
    std::size_t n = 0;
    for (auto v : spec) {
        if (n++ != 0) s += ',';
        s += std::to_string(static_cast<long long>(v));
    }
    return s + (n == 1 ? ",)" : ")");
}

/// The shape `spec` asks for (one -1 inferred from the element count of `from`); throws
/// shape_error naming both shapes when it cannot hold those elements.
template <class R>
shape_t requested_shape(const R& spec, std::span<const std::size_t> from, const char* op) {
    shape_t s;
    std::size_t unknown = static_cast<std::size_t>(-1);
    for (auto v : spec) {
        const auto x = static_cast<long long>(v);
        if (x == -1 && std::is_signed_v<decltype(v)>) {
            if (unknown != static_cast<std::size_t>(-1))
                throw shape_error(std::string(op) + ": can only specify one unknown dimension, in " +
                                  format_requested(spec));
            unknown = s.size();
            s.push_back(1);
        } else if (x < 0 && std::is_signed_v<decltype(v)>) {
            throw shape_error(std::string(op) + ": negative dimension " + std::to_string(x) + " in " +
                              format_requested(spec));
        } else {
            s.push_back(static_cast<std::size_t>(v));
        }
    }
    const std::size_t n = shape_size(from);
    const std::size_t known = checked_size(s.span(), op);
    const auto mismatch = [&] {
        return shape_error(std::string(op) + ": cannot reshape shape " + format_shape(from) + " of " +
                           std::to_string(n) + " elements into shape " + format_requested(spec));
    };
    if (unknown != static_cast<std::size_t>(-1)) {
        if (known == 0 || n % known != 0) throw mismatch();
        s[unknown] = n / known;
    } else if (known != n) {
        throw mismatch();
    }
    return s;
}

/// Strides under which the array (`shape`, `strides`) reads as `to` in row-major order
/// without moving an element, if there are such (NumPy's rule: each group of dimensions
/// that is merged or split must be contiguous in itself); false if a copy is needed.
inline bool strides_for_reshape(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                                std::span<const std::size_t> to, strides_t& out) {
    if (shape_size(shape) == 0) {  // nothing is read: any strides do
        out = row_major_strides(to);
        return true;
    }
    shape_t from;  // the dimensions longer than 1 (the others do not constrain)
    strides_t step;
    for (std::size_t d = 0; d < shape.size(); ++d)
        if (shape[d] != 1) {
            from.push_back(shape[d]);
            step.push_back(strides[d]);
        }
    out = strides_t(to.size(), 1);
    std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
    while (ni < to.size() && oi < from.size()) {
        std::size_t np = to[ni], op = from[oi];
        while (np != op) {  // widen the smaller side until the groups hold the same elements
            if (np < op) np *= to[nj++];
            else op *= from[oj++];
        }
        for (std::size_t k = oi; k + 1 < oj; ++k)  // the old group must be contiguous in itself
            if (step[k] != static_cast<std::ptrdiff_t>(from[k + 1]) * step[k + 1]) return false;
        out[nj - 1] = step[oj - 1];
        for (std::size_t k = nj - 1; k > ni; --k) out[k - 1] = out[k] * static_cast<std::ptrdiff_t>(to[k]);
        ni = nj++;
        oi = oj++;
    }
    for (std::size_t k = ni; k < to.size(); ++k) out[k] = ni > 0 ? out[ni - 1] : 1;  // trailing extents of 1
    return true;
}

}  // namespace detail

/// The elements of `x` in row-major order with shape `shape` (one entry may be -1: it is
/// inferred). Of a tensor or view, a view of the same memory (writable when `x` is); when
/// the strides allow no such view (a transposed operand merged across its axes), throws
/// shape_error naming the shape and strides: evaluate first, `reshape(eval(x), shape)`. Of
/// an expression or a temporary tensor, a tensor (the temporary's storage is reused).
/// Throws shape_error naming both shapes when the element counts differ.
template <tensor_expression X, std::ranges::input_range S>
auto reshape(X&& x, const S& shape) {
    const std::span<const std::size_t> from(x.shape());
    shape_t to = detail::requested_shape(shape, from, "reshape");
    if constexpr (detail::sliceable<X>) {
        using view = typename detail::view_of<std::remove_reference_t<X>>::type;
        strides_t strides;
        if constexpr (detail::owning_expression<X>) {
            // A tensor is row-major: any shape of its size reads it in order.
            strides = row_major_strides(to.span());
        } else if (!detail::strides_for_reshape(from, std::span<const std::ptrdiff_t>(x.strides()), to.span(), strides))
            throw shape_error("reshape: cannot reshape the view of shape " + format_shape(from) + " and strides " +
                              detail::format_requested(std::span<const std::ptrdiff_t>(x.strides())) +
                              " into shape " + format_shape(to.span()) +
                              " without a copy; evaluate it first: reshape(eval(x), shape)");
        return view(x.data(), std::move(to), std::move(strides));
    } else if constexpr (detail::owning_expression<X>) {
        std::remove_cvref_t<X> t(std::move(x));
        detail::tensor_access::set_shape(t, std::move(to));
        return t;
    } else {
        tensor<value_type_t<X>> t(x);
        detail::tensor_access::set_shape(t, std::move(to));
        return t;
    }
}

/// `reshape(x, {2, -1})`, `reshape(x, {batch, seq, -1})`: the shape as a braced list of
/// constants (or of variables that convert to `std::ptrdiff_t` without narrowing).
template <tensor_expression X>
auto reshape(X&& x, std::initializer_list<std::ptrdiff_t> shape) {
    return reshape(std::forward<X>(x), std::span<const std::ptrdiff_t>(shape.begin(), shape.size()));
}
/// `reshape(x, {rows, cols})`: the shape as a braced list of variables of one integer
/// type (such as `std::size_t` sizes, which the list above would narrow).
template <tensor_expression X, std::integral I>
auto reshape(X&& x, std::initializer_list<I> shape) {
    return reshape(std::forward<X>(x), std::span<const I>(shape.begin(), shape.size()));
}

/// `reshape(x, {-1})`: the elements as one dimension (a view of a tensor or of a view
/// whose strides allow it; a tensor of an expression or temporary).
template <tensor_expression X>
auto ravel(X&& x) {
    return reshape(std::forward<X>(x), std::initializer_list<std::ptrdiff_t>{-1});
}

}  // namespace tmath
