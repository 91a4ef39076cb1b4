#pragma once
/// @file dot.hpp
/// `dot(a, b)`: the inner product of two 1-D tensors, views or element-wise
/// expressions (`dot(a * b, c)` reads a, b and c once, without a temporary). Four
/// independent SIMD accumulators with FMA hide the FMA latency without -ffast-math;
/// the result is deterministic (contiguous and broadcast operands share one summation order).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>

#include "tmath/arch/load_order.hpp"
#include "tmath/arch/prefetch.hpp"
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
#include "tmath/simd/simd.hpp"

namespace tmath {

namespace detail {

/// A row cursor on a contiguous array of T (the fast path of two plain vectors).
template <class T>
struct contiguous_cursor {
    const T* ptr;
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(ptr[j]);
    }
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return simd::load(ptr + j);
    }
    /// Hints the line `ahead` bytes past element j (into L2).
    void prefetch(std::ptrdiff_t j, std::size_t ahead) const noexcept {
        arch::prefetch(reinterpret_cast<std::uintptr_t>(ptr + j) + static_cast<std::uintptr_t>(ahead));
    }
};

/// The batch of V at element j of a row cursor (`Flat`: a unit-stride operand).
template <bool Flat, class V, class C>
TMATH_FORCE_INLINE simd::batch<V> dot_batch(const C& c, std::ptrdiff_t j) noexcept {
    if constexpr (Flat) return c.template contiguous_batch<V>(j);
    else return c.template batch<V>(j);
}

/// When the four-batch iterations of `dot_loop` issue their loads (arch/load_order.hpp).
enum class dot_order {
    scheduled,        ///< as the compiler schedules them (a and b interleaved)
    grouped,          ///< the four batches of a, then those of b in order 0, 1, 2, 3
    grouped_swapped,  ///< the four batches of a, then those of b in order 1, 0, 3, 2
};

/// acc_k += a·b over the batch at element j_k, for four batches and accumulators, the
/// loads issued in `Order` (each accumulator gets the same terms in every order).
template <bool Flat, class V, dot_order Order = dot_order::scheduled, class CA, class CB>
TMATH_FORCE_INLINE void dot_four(const CA& ca, const CB& cb, std::ptrdiff_t j0, std::ptrdiff_t j1,
                                 std::ptrdiff_t j2, std::ptrdiff_t j3, simd::batch<V>& acc0,
                                 simd::batch<V>& acc1, simd::batch<V>& acc2,
                                 simd::batch<V>& acc3) noexcept {
    if constexpr (Order == dot_order::scheduled) {
        acc0 = simd::fma(dot_batch<Flat, V>(ca, j0), dot_batch<Flat, V>(cb, j0), acc0);
        acc1 = simd::fma(dot_batch<Flat, V>(ca, j1), dot_batch<Flat, V>(cb, j1), acc1);
        acc2 = simd::fma(dot_batch<Flat, V>(ca, j2), dot_batch<Flat, V>(cb, j2), acc2);
        acc3 = simd::fma(dot_batch<Flat, V>(ca, j3), dot_batch<Flat, V>(cb, j3), acc3);
    } else {
        const auto a0 = dot_batch<Flat, V>(ca, j0), a1 = dot_batch<Flat, V>(ca, j1);
        const auto a2 = dot_batch<Flat, V>(ca, j2), a3 = dot_batch<Flat, V>(ca, j3);
        arch::issue_barrier();
        if constexpr (Order == dot_order::grouped) {
            acc0 = simd::fma(a0, dot_batch<Flat, V>(cb, j0), acc0);
            acc1 = simd::fma(a1, dot_batch<Flat, V>(cb, j1), acc1);
            acc2 = simd::fma(a2, dot_batch<Flat, V>(cb, j2), acc2);
            acc3 = simd::fma(a3, dot_batch<Flat, V>(cb, j3), acc3);
        } else {
            acc1 = simd::fma(a1, dot_batch<Flat, V>(cb, j1), acc1);
            arch::issue_barrier();
            acc0 = simd::fma(a0, dot_batch<Flat, V>(cb, j0), acc0);
            arch::issue_barrier();
            acc3 = simd::fma(a3, dot_batch<Flat, V>(cb, j3), acc3);
            arch::issue_barrier();
            acc2 = simd::fma(a2, dot_batch<Flat, V>(cb, j2), acc2);
        }
    }
}

/// Σ a[j]·b[j] over j < n, reading both through row cursors (unit stride or broadcast;
/// `Flat`: every operand unit stride; `Prefetch`: the cursors are `contiguous_cursor`s
/// and the loop prefetches `t.dot_prefetch_distance` ahead; `Short`: the caller
/// guarantees operands of at most `t.dot_short_bytes`, and the loop has no code for
/// longer ones; `Order`: when the loads of the four-batch iterations issue). Four
/// accumulators, so that four FMA chains hide the FMA latency: over eight batches per
/// iteration (operands of at most `t.dot_short_bytes`), over four, or, where `t` reads
/// two streams, over two batches from each half of the operands; then one batch at a
/// time into acc0 and a scalar tail. Every SIMD path of `dot` sums in this order, which
/// depends on n, V and the tuning only (not on `Prefetch` or `Order`). The helpers are
/// functions forced inline: GCC may keep a lambda out of line in a loop this size, and
/// then the accumulators go through memory.
template <bool Flat, class V, bool Prefetch, bool Short = false, dot_order Order = dot_order::scheduled, class CA,
          class CB>
TMATH_FORCE_INLINE V dot_loop(std::ptrdiff_t n, CA ca, CB cb, const arch::tuning& t) noexcept {
    constexpr auto w = static_cast<std::ptrdiff_t>(simd::width<V>);
    simd::batch<V> acc0 = simd::splat(V(0)), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    std::ptrdiff_t j = 0;
    const std::size_t bytes = 2 * static_cast<std::size_t>(n) * sizeof(V);
    if (Short || bytes <= t.dot_short_bytes) {
        for (; j + 8 * w <= n; j += 8 * w) {
            dot_four<Flat, V>(ca, cb, j, j + w, j + 2 * w, j + 3 * w, acc0, acc1, acc2, acc3);
            dot_four<Flat, V>(ca, cb, j + 4 * w, j + 5 * w, j + 6 * w, j + 7 * w, acc0, acc1, acc2, acc3);
        }
    } else if (!t.reads_two_streams(bytes)) {
        const std::size_t ahead = t.dot_prefetch_distance;
        for (; j + 4 * w <= n; j += 4 * w) {
            if constexpr (Prefetch) {
                // One hint per operand and iteration (the hardware fetches the lines between).
                ca.prefetch(j, ahead);
                cb.prefetch(j, ahead);
            }
            dot_four<Flat, V, Order>(ca, cb, j, j + w, j + 2 * w, j + 3 * w, acc0, acc1, acc2, acc3);
        }
    } else {
        // Halves of h elements (a multiple of two batches), side by side.
        const std::ptrdiff_t h = n / (4 * w) * (2 * w);
        for (std::ptrdiff_t i = 0; i < h; i += 2 * w)
            dot_four<Flat, V, Order>(ca, cb, i, i + w, h + i, h + i + w, acc0, acc1, acc2, acc3);
        j = 2 * h;
    }
    for (; j + w <= n; j += w) acc0 = simd::fma(dot_batch<Flat, V>(ca, j), dot_batch<Flat, V>(cb, j), acc0);
    V tail = V(0);
    for (; j < n; ++j) tail = static_cast<V>(tail + ca.template scalar<V>(j) * cb.template scalar<V>(j));
    return static_cast<V>(simd::reduce_add<V>((acc0 + acc1) + (acc2 + acc3)) + tail);
}

/// `dot_loop` out of line.
template <bool Flat, class V, bool Prefetch = false, class CA, class CB>
V dot_rows(std::ptrdiff_t n, CA ca, CB cb, const arch::tuning& t) noexcept {
    return dot_loop<Flat, V, Prefetch>(n, ca, cb, t);
}

/// dot of two contiguous arrays of V with operands over `t.dot_short_bytes`, out of
/// line (`dot` stays small enough to be inlined into its callers). With
/// `dot_load_order::grouped_by_parity` the loads go grouped by operand, in the order
/// arch/load_order.hpp gives for the operands' line parity (when a batch is one line),
/// without prefetch hints; otherwise as the compiler schedules them, prefetching ahead
/// from `t.dot_prefetch_bytes`.
template <class V>
TMATH_NOINLINE V dot_long(std::ptrdiff_t n, const V* a, const V* b, const arch::tuning& t) noexcept {
    const contiguous_cursor<V> ca{a}, cb{b};
    if (t.dot_loads == arch::dot_load_order::grouped_by_parity) {
        if (simd::width<V> * sizeof(V) == t.cache_line && arch::lines_out_of_phase(a, b, t.cache_line))
            return dot_loop<true, V, false, false, dot_order::grouped_swapped>(n, ca, cb, t);
        return dot_loop<true, V, false, false, dot_order::grouped>(n, ca, cb, t);
    }
    if (2 * static_cast<std::size_t>(n) * sizeof(V) >= t.dot_prefetch_bytes) return dot_loop<true, V, true>(n, ca, cb, t);
    return dot_loop<true, V, false>(n, ca, cb, t);
}

/// dot of two contiguous arrays of V. Operands of at most `t.dot_short_bytes` run the
/// loop inlined into the caller, without the code for longer ones: for short vectors a
/// call, or a `dot` grown too large for the compiler to inline into its caller, costs a
/// few percent (bench/README.md, "dot").
template <class V>
TMATH_FORCE_INLINE V dot_contiguous(std::ptrdiff_t n, const V* a, const V* b,
                                    const arch::tuning& t = arch::this_processor()) noexcept {
    if (2 * static_cast<std::size_t>(n) * sizeof(V) > t.dot_short_bytes) return dot_long<V>(n, a, b, t);
    const contiguous_cursor<V> ca{a}, cb{b};
    return dot_loop<true, V, false, true>(n, ca, cb, t);
}

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
