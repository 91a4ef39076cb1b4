#pragma once
/// @file dot.hpp
/// `dot(a, b)`: the inner product of two 1-D tensors, views or element-wise
/// expressions (`dot(a * b, c)` reads a, b and c once, without a temporary). Two
/// unit-stride vectors of one type go straight to the contiguous path
/// (linalg/dot/contiguous.hpp); anything else takes the general path below, out of line:
/// shapes checked, products inside an operand computed first, then the same loop
/// (linalg/dot/loop.hpp) over the operands' cursors. The result is deterministic
/// (contiguous and broadcast operands share one summation order).

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>

#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/evaluator.hpp"
#include "tmath/eval/materialize.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/linalg/dot/contiguous.hpp"
#include "tmath/linalg/dot/loop.hpp"
#include "tmath/expr/tree.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// True when every memory operand of `e` is a unit-stride array of length n (no broadcast).
template <class E>
bool unit_stride_of_length(const E& e, std::size_t n) {
    bool ok = true;
    for_each_leaf(e, [&](const auto& leaf) {
        const auto s = std::span<const std::size_t>(leaf.shape());
        ok = ok && s.size() == 1 && s[0] == n && (n <= 1 || leaf.strides()[0] == 1);
    });
    return ok;
}

/// Broadcast strides of every memory operand of `e` to the 1-D shape (n).
template <std::size_t N, class E>
std::array<strides_t, N> leaf_strides_1d(const E& e, std::span<const std::size_t> shape) {
    std::array<strides_t, N> s;
    std::size_t k = 0;
    for_each_leaf(e, [&](const auto& leaf) { s[k++] = broadcast_strides(leaf.shape(), leaf.strides(), shape); });
    return s;
}

/// Throws dot's shape_error for shapes `sa` and `sb` (not two 1-D operands of one
/// length). Out of line, so that the string building stays off `dot`'s fast path.
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_dot_shapes(std::span<const std::size_t> sa, std::span<const std::size_t> sb) {
    const std::string both = format_shape(sa) + " and " + format_shape(sb);
    if (sa.size() != 1 || sb.size() != 1)
        throw shape_error("dot: shapes " + both + ": dot takes two 1-D operands (use matmul for matrices)");
    throw shape_error("dot: shapes " + both + " are not aligned: " + std::to_string(sa[0]) + " (dim 0) != " +
                      std::to_string(sb[0]) + " (dim 0)");
}

/// dot of two 1-D expressions of length n in type V.
template <class V, class A, class B>
V dot_1d(const A& a, const B& b, std::size_t n, const arch::tuning& t) {
    if (n == 0) return V(0);
    const auto len = static_cast<std::ptrdiff_t>(n);
    if (unit_stride_of_length(a, n) && unit_stride_of_length(b, n))
        return dot_rows<true, V>(len, make_flat_evaluator(a).row_cursor(), make_flat_evaluator(b).row_cursor(), t);

    // Broadcast or strided operands: cursors over each operand's memory.
    const std::size_t shape_1d[1] = {n};
    constexpr std::size_t na = leaf_count<A>();
    constexpr std::size_t nb = leaf_count<B>();
    const auto sa = leaf_strides_1d<na>(a, shape_1d);
    const auto sb = leaf_strides_1d<nb>(b, shape_1d);
    std::array<const std::ptrdiff_t*, na> pa{};
    std::array<const std::ptrdiff_t*, nb> pb{};
    bool rows = true;  // every operand unit stride or broadcast: SIMD rows
    for (std::size_t i = 0; i < na; ++i) pa[i] = sa[i].data(), rows = rows && sa[i][0] <= 1 && sa[i][0] >= 0;
    for (std::size_t i = 0; i < nb; ++i) pb[i] = sb[i].data(), rows = rows && sb[i][0] <= 1 && sb[i][0] >= 0;
    // Scratch for broadcast operands (one batch each); no tiles or groups here.
    operand_scratch<na, 1024> scratch_a;
    operand_scratch<nb, 1024> scratch_b;
    std::size_t next = 0;
    auto ea = make_evaluator(a, pa, next, scratch_a);
    next = 0;
    auto eb = make_evaluator(b, pb, next, scratch_b);
    if (rows) {
        ea.for_each_leaf([](auto& leaf) { leaf.begin_row(0); });
        eb.for_each_leaf([](auto& leaf) { leaf.begin_row(0); });
        return dot_rows<false, V>(len, ea.row_cursor(), eb.row_cursor(), t);
    }
    // Element by element with four accumulators.
    ea.for_each_leaf([](auto& leaf) { leaf.begin_segment(0, 0, 0, 0); });
    eb.for_each_leaf([](auto& leaf) { leaf.begin_segment(0, 0, 0, 0); });
    V acc[4] = {V(0), V(0), V(0), V(0)};
    std::ptrdiff_t j = 0;
    for (; j + 4 <= len; j += 4)
        for (std::ptrdiff_t k = 0; k < 4; ++k)
            acc[k] = static_cast<V>(acc[k] + ea.template scalar<V>(j + k) * eb.template scalar<V>(j + k));
    for (; j < len; ++j) acc[0] = static_cast<V>(acc[0] + ea.template scalar<V>(j) * eb.template scalar<V>(j));
    return static_cast<V>((acc[0] + acc[1]) + (acc[2] + acc[3]));
}

/// dot of any two operands (checked shapes, products inside them computed first, then
/// `dot_1d`). Out of line: `dot` itself keeps only the fast path of two vectors.
template <class V, class A, class B>
TMATH_NOINLINE V dot_general(const A& a, const B& b, const arch::tuning& t = arch::this_processor()) {
    const auto sa = std::span<const std::size_t>(a.shape());
    const auto sb = std::span<const std::size_t>(b.shape());
    if (sa.size() != 1 || sb.size() != 1 || sa[0] != sb[0]) throw_dot_shapes(sa, sb);
    if constexpr (contains_product<A>() || contains_product<B>()) {
        // A product inside an operand (`dot(matmul(A, x), y)`) is computed first.
        const auto assign = [](auto& tmp, const auto& p) { p.assign_to(tmp.data(), tmp.shape(), tmp.strides(), false); };
        const auto& ma = [&]() -> decltype(auto) {
            if constexpr (contains_product<A>()) return materialize(a, assign);
            else return (a);
        }();
        const auto& mb = [&]() -> decltype(auto) {
            if constexpr (contains_product<B>()) return materialize(b, assign);
            else return (b);
        }();
        return dot_1d<V>(ma, mb, sa[0], t);
    } else {
        return dot_1d<V>(a, b, sa[0], t);
    }
}

}  // namespace detail

/// The inner product of two 1-D operands (tensors, views or element-wise expressions),
/// in their promoted element type. Throws shape_error naming both shapes when either
/// is not 1-D or the lengths differ.
template <tensor_expression A, tensor_expression B>
inline auto dot(const A& a, const B& b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    if constexpr (A::node_kind == detail::expr_kind::memory && B::node_kind == detail::expr_kind::memory &&
                  std::is_same_v<value_type_t<A>, V> && std::is_same_v<value_type_t<B>, V>) {
        // Two unit-stride vectors of one type (the common case): straight to the loop on
        // their pointers, before any other set-up (it matters for short vectors).
        const auto sa = std::span<const std::size_t>(a.shape());
        const auto sb = std::span<const std::size_t>(b.shape());
        if (sa.size() == 1 && sb.size() == 1 && sa[0] == sb[0] &&
            (sa[0] <= 1 || (a.strides()[0] == 1 && b.strides()[0] == 1)))
            return detail::dot_contiguous<V>(static_cast<std::ptrdiff_t>(sa[0]), a.data(), b.data());
    }
    return detail::dot_general<V>(a, b);
}

}  // namespace tmath
