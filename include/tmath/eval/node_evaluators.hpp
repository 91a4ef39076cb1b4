#pragma once
/// @file node_evaluators.hpp
/// The evaluators of the nodes above the memory operands: a constant, and a functor
/// applied to child evaluators (read as scalars, batches, half-width batches or masks).

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/eval/batch_read.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/simd/masks.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A constant operand.
template <class T>
class scalar_evaluator {
public:
    using value_type = T;
    /// The constant `v`.
    explicit scalar_evaluator(T v) noexcept : m_value(v) {}
    /// A constant has no leaf evaluators.
    template <class G>
    void for_each_leaf(G&&) {}
    /// The constant as a V.
    template <class V>
    V scalar(std::ptrdiff_t) const noexcept {
        return static_cast<V>(m_value);
    }
    /// The constant in every lane of a batch of V.
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t) const noexcept {
        return simd::splat(static_cast<V>(m_value));
    }
    /// batch(), for the flat loop.
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return batch<V>(j);
    }
    /// Whether contiguous_half_width<V>() exists: no conversion.
    template <class V>
    static constexpr bool half_width = std::is_same_v<V, T>;
    /// The constant in a half-width batch.
    template <class V>
    simd::half_batch<V> contiguous_half_width(std::ptrdiff_t) const noexcept {
        return simd::half_batch<V>::broadcast(m_value);
    }
    /// Already a row cursor.
    scalar_evaluator row_cursor() const noexcept { return *this; }
    /// Already a strided row cursor.
    scalar_evaluator strided_cursor(std::size_t, std::size_t) const noexcept { return *this; }
    /// A constant's batch is a splat.
    static constexpr bool vector_read() noexcept { return true; }
    /// Already a stepping row cursor (the same on every row).
    scalar_evaluator stepping_row_cursor(std::size_t) const noexcept { return *this; }
    /// A constant is the same on every row.
    void next_row() noexcept {}
    /// A constant needs no memory stride.
    static constexpr bool unit_stride() noexcept { return true; }

private:
    T m_value;
};

/// True when functor F's batch call is the same for any batch type of V: the four
/// arithmetic operators and negation (integer division goes lane by lane on full batches).
template <class F, class V>
inline constexpr bool width_generic =
    std::is_same_v<F, fn::plus> || std::is_same_v<F, fn::minus> || std::is_same_v<F, fn::multiplies> ||
    std::is_same_v<F, fn::negate> || (std::is_same_v<F, fn::divides> && std::is_floating_point_v<V>);

/// The type in which functor F reads its operand I when the operands' element types are
/// Ts...: `F::template operand<I, Ts...>` when F says (comparisons read both sides in
/// their common type, `where` reads its condition as bool), else F's result type.
template <class F, std::size_t I, class... Ts>
struct operand_type {
    using type = typename F::template result<Ts...>;
};
template <class F, std::size_t I, class... Ts>
    requires requires { typename F::template operand<I, Ts...>; }
struct operand_type<F, I, Ts...> {
    using type = typename F::template operand<I, Ts...>;
};

/// True when F's batch overload gives a mask (`simd::mask`) rather than a batch:
/// comparisons, whose bool elements a `where` reads as a select mask.
template <class F>
inline constexpr bool yields_mask = requires { requires F::yields_mask; };

/// True when F's batch overload takes its bool operands as masks (`where`'s condition);
/// other functors read bool operands as batches of bool, like any element type.
template <class F>
inline constexpr bool reads_masks = requires { requires F::reads_masks; };

/// Reads `width<V>` lanes of a bool-valued child as a mask of `batch<V>`: comparisons
/// compare whole batches; anything else (a bool tensor, a nonzero test) lane by lane.
template <class V, bool Flat, class Ev>
inline simd::mask<V> read_mask(const Ev& ev, std::ptrdiff_t j) noexcept {
    if constexpr (requires { ev.template mask<V, Flat>(j); }) {
        return ev.template mask<V, Flat>(j);
    } else {
        alignas(TMATH_ALIGNMENT) bool tmp[simd::width<V>];
        for (std::size_t k = 0; k < simd::width<V>; ++k) tmp[k] = ev.template scalar<bool>(j + static_cast<std::ptrdiff_t>(k));
        return simd::load_mask<V>(tmp);
    }
}

/// A functor applied to child evaluators. Each child is read in the functor's operand
/// type (operand_type): the node's own value type for arithmetic, the common type of
/// both sides for comparisons (whose value type is bool), bool for `where`'s condition.
template <class F, class... C>
class elementwise_evaluator {
public:
    using value_type = typename F::template result<typename C::value_type...>;
    /// Batches per iteration of the contiguous loops: the fewest of this node's and its
    /// children's (fn::long_kernel_unroll where a long kernel is below).
    static constexpr std::ptrdiff_t batch_unroll = std::min({fn::batch_unroll_of<F>(), fn::batch_unroll_of<C>()...});
    /// The type child I is read in.
    template <std::size_t I>
    using operand_t = typename operand_type<F, I, typename C::value_type...>::type;

    /// `f` applied to `children`.
    elementwise_evaluator(const F& f, C&&... children) : m_functor(f), m_children(std::move(children)...) {}

    /// Calls `g(leaf)` for every leaf evaluator below, in tree order.
    template <class G>
    void for_each_leaf(G&& g) {
        std::apply([&](auto&... c) { (c.for_each_leaf(g), ...); }, m_children);
    }
    /// Element j as a V.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return static_cast<V>(m_functor(std::get<I>(m_children).template scalar<operand_t<I>>(j)...));
        }(std::index_sequence_for<C...>{});
    }
    /// Elements j.. as a batch of V (the children's rows unit-stride or broadcast).
    template <class V>
    TMATH_FORCE_INLINE simd::batch<V> batch(std::ptrdiff_t j) const noexcept {
        return read<V, false>(j);
    }
    /// batch() for a run where every memory operand is unit-stride (the flat loop).
    template <class V>
    TMATH_FORCE_INLINE simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return read<V, true>(j);
    }
    /// Whether contiguous_half_width<V>() exists: an arithmetic operator (its batch call takes
    /// any batch type) on children that all give V.
    template <class V>
    static constexpr bool half_width = [] {
        if constexpr (!width_generic<F, V> || !std::is_same_v<value_type, V>) return false;
        else return (true && ... && reads_half_width<C, V>);
    }();
    /// contiguous_batch() in a half-width batch (simd::half_batch).
    template <class V>
    simd::half_batch<V> contiguous_half_width(std::ptrdiff_t j) const noexcept {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return m_functor(std::get<I>(m_children).template contiguous_half_width<V>(j)...);
        }(std::index_sequence_for<C...>{});
    }
    /// The node's bool lanes as a mask of `batch<V>` (comparisons only): both sides are
    /// read as batches of their common type and compared, without a detour through bools
    /// when that type has as many lanes as V.
    template <class V, bool Flat>
        requires yields_mask<F>
    simd::mask<V> mask(std::ptrdiff_t j) const noexcept {
        using T = operand_t<0>;
        if constexpr (simd::width<T> == simd::width<V>) {
            return [&]<std::size_t... I>(std::index_sequence<I...>) {
                return simd::convert_mask<V, T>(m_functor(child_batch<I, T, Flat>(j)...));
            }(std::index_sequence_for<C...>{});
        } else {
            alignas(TMATH_ALIGNMENT) bool tmp[simd::width<V>];
            for (std::size_t k = 0; k < simd::width<V>; ++k) tmp[k] = scalar<bool>(j + static_cast<std::ptrdiff_t>(k));
            return simd::load_mask<V>(tmp);
        }
    }

    /// True when every memory operand below is read at unit stride in the current row.
    bool unit_stride() const noexcept {
        return std::apply([](const auto&... c) { return (true && ... && c.unit_stride()); }, m_children);
    }
    /// The node over its children's row cursors.
    auto row_cursor() const {
        return std::apply(
            [&](const auto&... c) {
                return elementwise_evaluator<F, decltype(c.row_cursor())...>{m_functor, c.row_cursor()...};
            },
            m_children);
    }
    /// The node over its children's strided row cursors (rows along dimension `inner`,
    /// stepping along `d`).
    auto strided_cursor(std::size_t inner, std::size_t d) const {
        return std::apply(
            [&](const auto&... c) {
                return elementwise_evaluator<F, decltype(c.strided_cursor(inner, d))...>{m_functor,
                                                                                         c.strided_cursor(inner, d)...};
            },
            m_children);
    }
    /// The node over its children's stepping row cursors (along dimension `d`).
    auto stepping_row_cursor(std::size_t d) {
        return std::apply(
            [&](auto&... c) {
                return elementwise_evaluator<F, decltype(c.stepping_row_cursor(d))...>{m_functor, c.stepping_row_cursor(d)...};
            },
            m_children);
    }
    /// True when every strided row cursor below reads its batches with vector instructions.
    bool vector_read() const noexcept {
        return std::apply([](const auto&... c) { return (true && ... && c.vector_read()); }, m_children);
    }
    /// Moves every row cursor below to the next row.
    void next_row() noexcept {
        std::apply([](auto&... c) { (c.next_row(), ...); }, m_children);
    }

private:
    /// Child I as a batch of V (or, when F reads it as bool, as a mask of batch<V>).
    template <std::size_t I, class V, bool Flat>
    auto child_batch(std::ptrdiff_t j) const noexcept {
        const auto& c = std::get<I>(m_children);
        if constexpr (std::is_same_v<operand_t<I>, bool> && (reads_masks<F> || yields_mask<F>)) return read_mask<V, Flat>(c, j);
        else if constexpr (Flat) return c.template contiguous_batch<V>(j);
        else return c.template batch<V>(j);
    }
    /// True when the batch call can take every child as a batch (or mask) of V.
    template <class V>
    static constexpr bool batches_of = [] {
        if constexpr (yields_mask<F> || !std::is_same_v<V, value_type>) {
            return false;
        } else {
            return []<std::size_t... I>(std::index_sequence<I...>) {
                return (true && ... && (std::is_same_v<operand_t<I>, V> || (reads_masks<F> && std::is_same_v<operand_t<I>, bool>)));
            }(std::index_sequence_for<C...>{});
        }
    }();
    /// True when F converts a batch of its one operand's type into a batch of V with as
    /// many lanes (astype).
    template <class V>
    static constexpr bool converts_to = [] {
        if constexpr (!requires { requires F::converts_batches; } || sizeof...(C) != 1 || !std::is_same_v<V, value_type>)
            return false;
        else
            return simd::has_native_batch<V> && simd::has_native_batch<operand_t<0>> &&
                   simd::width<V> == simd::width<operand_t<0>>;
    }();
    /// Force-inlined with its lambda: a node whose functor is a long SIMD kernel (exp,
    /// erf) is otherwise kept out of line in the unrolled loops, which then pass each
    /// batch through memory.
    template <class V, bool Flat>
    TMATH_FORCE_INLINE simd::batch<V> read(std::ptrdiff_t j) const noexcept {
        if constexpr (batches_of<V>) {
            return [&]<std::size_t... I>(std::index_sequence<I...>) TMATH_FORCE_INLINE_LAMBDA {
                return m_functor(child_batch<I, V, Flat>(j)...);
            }(std::index_sequence_for<C...>{});
        } else if constexpr (converts_to<V>) {
            return m_functor(child_batch<0, operand_t<0>, Flat>(j));
        } else {
            return batch_from_scalars<V>([&](std::size_t k) { return scalar<V>(j + static_cast<std::ptrdiff_t>(k)); });
        }
    }

    F m_functor;
    std::tuple<C...> m_children;
};

}  // namespace tmath::detail
