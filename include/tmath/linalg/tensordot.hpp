#pragma once
/// @file tensordot.hpp
/// `tensordot(a, b, axes)`, `inner(a, b)` and `outer(a, b)` with NumPy's semantics.
/// tensordot and inner are one matrix product (linalg/contract.hpp: GEMM on views of the
/// operands, a copy only where the contracted or kept dimensions of an operand do not
/// lie at one stride); outer is a broadcast element-wise product.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/linalg/contract.hpp"
#include "tmath/linalg/vecdot.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// Formats a list of axes as `[0,-1]`.
inline std::string format_axis_list(std::span<const std::ptrdiff_t> axes) {
    std::string s = "[";
    for (std::size_t i = 0; i < axes.size(); ++i) {
        if (i != 0) s += ',';
        s += std::to_string(axes[i]);
    }
    return s + "]";
}

/// tensordot of operands prepared as memory of V, contracting a's `axes_a[i]` with b's
/// `axes_b[i]`; `op` names the operation in messages.
template <class V, class OA, class OB>
tensor<V> tensordot_memory(const OA& a, const OB& b, std::span<const std::ptrdiff_t> axes_a,
                           std::span<const std::ptrdiff_t> axes_b, const char* op) {
    const auto as = a.shape(), bs = b.shape();
    const auto both = [&] { return format_shape(as) + " and " + format_shape(bs); };
    if (axes_a.size() != axes_b.size())
        throw std::invalid_argument(std::string(op) + ": axes " + format_axis_list(axes_a) + " and " +
                                    format_axis_list(axes_b) + " differ in length (shapes " + both() + ")");
    small_vector<bool, TMATH_INLINE_RANK> used_a(as.size(), false), used_b(bs.size(), false);
    contract_groups g;
    for (std::size_t i = 0; i < axes_a.size(); ++i) {
        const std::size_t da = normalize_axis(axes_a[i], as.size(), op), db = normalize_axis(axes_b[i], bs.size(), op);
        if (used_a[da] || used_b[db])
            throw std::invalid_argument(std::string(op) + ": repeated axis in " +
                                        format_axis_list(used_a[da] ? axes_a : axes_b) + " (shapes " + both() + ")");
        used_a[da] = used_b[db] = true;
        if (as[da] != bs[db])
            throw shape_error(std::string(op) + ": shape-mismatch for sum: shapes " + both() + ", axis " +
                              std::to_string(axes_a[i]) + " (" + std::to_string(as[da]) + ") != axis " +
                              std::to_string(axes_b[i]) + " (" + std::to_string(bs[db]) + ")");
        g.k.push_back({as[da], a.strides()[da], b.strides()[db], 0});
    }
    shape_t shape;
    for (std::size_t d = 0; d < as.size(); ++d)
        if (!used_a[d]) shape.push_back(as[d]), g.m.push_back({as[d], a.strides()[d], 0, 0});
    for (std::size_t d = 0; d < bs.size(); ++d)
        if (!used_b[d]) shape.push_back(bs[d]), g.n.push_back({bs[d], 0, b.strides()[d], 0});
    tensor<V> out = tensor<V>::uninitialized_of(shape.span());
    if (out.size() == 0) return out;
    const strides_t rs = row_major_strides(shape.span());
    for (std::size_t i = 0; i < g.m.size(); ++i) g.m[i].c = rs[i];
    for (std::size_t i = 0; i < g.n.size(); ++i) g.n[i].c = rs[g.m.size() + i];
    contract(a.data(), b.data(), out.data(), std::move(g));
    return out;
}

}  // namespace detail

/// NumPy's `tensordot(a, b, axes_a, axes_b)`: Σ over a's axes `axes_a[i]` paired with b's
/// `axes_b[i]`; the result has a's other dimensions, then b's. One GEMM on views of the
/// operands (no copy where the strides allow). Throws shape_error naming both shapes for
/// paired extents that differ, std::invalid_argument for lists of different lengths or a
/// repeated axis, index_error for an axis out of range.
template <tensor_expression A, tensor_expression B, class RA = std::initializer_list<std::ptrdiff_t>,
          class RB = std::initializer_list<std::ptrdiff_t>>
auto tensordot(const A& a, const B& b, const RA& axes_a, const RB& axes_b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    strides_t la, lb;
    for (auto v : axes_a) la.push_back(static_cast<std::ptrdiff_t>(v));
    for (auto v : axes_b) lb.push_back(static_cast<std::ptrdiff_t>(v));
    const detail::product_operand<V> pa(a), pb(b);
    return detail::tensordot_memory<V>(pa, pb, la.span(), lb.span(), "tensordot");
}

/// NumPy's `tensordot(a, b, n)`: Σ over the last n axes of a and the first n of b (n = 2
/// by default). Throws std::invalid_argument when n is negative or exceeds either rank.
template <tensor_expression A, tensor_expression B>
auto tensordot(const A& a, const B& b, std::ptrdiff_t n = 2) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::product_operand<V> pa(a), pb(b);
    const auto ra = static_cast<std::ptrdiff_t>(pa.shape().size()), rb = static_cast<std::ptrdiff_t>(pb.shape().size());
    if (n < 0 || n > ra || n > rb)
        throw std::invalid_argument("tensordot: axes = " + std::to_string(n) + " for shapes " +
                                    format_shape(pa.shape()) + " and " + format_shape(pb.shape()) +
                                    ": must be between 0 and both ranks");
    strides_t la, lb;
    for (std::ptrdiff_t i = 0; i < n; ++i) la.push_back(ra - n + i), lb.push_back(i);
    return detail::tensordot_memory<V>(pa, pb, la.span(), lb.span(), "tensordot");
}

/// NumPy's `inner(a, b)`: Σ over the last axis of both; the result has a's other
/// dimensions, then b's (rank 0 for two 1-D operands). A rank-0 operand multiplies the
/// other. Throws shape_error naming both shapes when the last extents differ.
template <tensor_expression A, tensor_expression B>
auto inner(const A& a, const B& b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::product_operand<V> pa(a), pb(b);
    const std::size_t ra = pa.shape().size(), rb = pb.shape().size();
    if (ra == 0 || rb == 0) {
        const tensor_view<const V> va(pa.data(), shape_t(pa.shape()), strides_t(pa.strides()));
        const tensor_view<const V> vb(pb.data(), shape_t(pb.shape()), strides_t(pb.strides()));
        return tensor<V>(va * vb);
    }
    if (pa.shape()[ra - 1] != pb.shape()[rb - 1])
        throw shape_error("inner: shapes " + format_shape(pa.shape()) + " and " + format_shape(pb.shape()) +
                          " are not aligned: " + std::to_string(pa.shape()[ra - 1]) + " (dim " + std::to_string(ra - 1) +
                          ") != " + std::to_string(pb.shape()[rb - 1]) + " (dim " + std::to_string(rb - 1) + ")");
    const std::ptrdiff_t last = -1;
    return detail::tensordot_memory<V>(pa, pb, std::span(&last, 1), std::span(&last, 1), "inner");
}

/// NumPy's `outer(a, b)`: the (a.size, b.size) matrix of products of the operands'
/// elements, each operand flattened in row-major order.
template <tensor_expression A, tensor_expression B>
auto outer(const A& a, const B& b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::product_operand<V> pa(a), pb(b);
    const detail::flat_run fa = detail::flatten_run(pa.shape(), pa.strides());
    const detail::flat_run fb = detail::flatten_run(pb.shape(), pb.strides());
    // An operand whose elements do not lie at one stride is copied (row-major) once.
    const auto flat = [](const auto& p, const detail::flat_run& f, std::optional<tensor<V>>& copy) -> const V* {
        if (f.ok) return p.data();
        return copy.emplace(tensor_view<const V>(p.data(), shape_t(p.shape()), strides_t(p.strides()))).data();
    };
    std::optional<tensor<V>> ca, cb;
    const V* xa = flat(pa, fa, ca);
    const V* xb = flat(pb, fb, cb);
    const tensor_view<const V> col(xa, shape_t{fa.extent, 1}, strides_t{fa.ok ? fa.stride : 1, 0});
    const tensor_view<const V> row(xb, shape_t{1, fb.extent}, strides_t{0, fb.ok ? fb.stride : 1});
    return tensor<V>(col * row);
}

}  // namespace tmath
