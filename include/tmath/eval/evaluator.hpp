#pragma once
/// @file evaluator.hpp
/// Evaluators: the run-time mirror of an expression tree that the loops drive.
/// A leaf evaluator keeps a cursor into its operand's memory; the loops move the
/// cursors over the outer dimensions and then read a row element by element
/// (`scalar<V>(j)`) or batch by batch (`batch<V>(j)`), V being the type the parent
/// computes in. Broadcast rows and short periodic rows are replicated into a small
/// per-operand scratch so that every row read is one unit-stride load.

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/arch/prefetch.hpp"
#include "tmath/eval/plan.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/scalar.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"
#include "tmath/simd/transpose.hpp"

namespace tmath::detail {

/// Reads `width<V>` elements through `read(k)` into a batch of V (the type-converting path).
template <class V, class R>
inline simd::batch<V> gather_batch(R&& read) noexcept {
    alignas(TMATH_ALIGNMENT) V tmp[simd::width<V>];
    for (std::size_t k = 0; k < simd::width<V>; ++k) tmp[k] = read(k);
    return simd::batch<V>::load_aligned(tmp);
}

/// True when evaluator Ev reads as half-width batches of V (contiguous_half<V>).
template <class Ev, class V>
inline constexpr bool halves_of = [] {
    if constexpr (requires { Ev::template halves<V>; }) return Ev::template halves<V>;
    else return false;
}();

/// True when functor F's batch call is the same for any batch type of V: the four
/// arithmetic operators and negation (integer division goes lane by lane on full batches).
template <class F, class V>
inline constexpr bool width_generic =
    std::is_same_v<F, fn::plus> || std::is_same_v<F, fn::minus> || std::is_same_v<F, fn::multiplies> ||
    std::is_same_v<F, fn::negate> || (std::is_same_v<F, fn::divides> && std::is_floating_point_v<V>);

/// A memory operand's cursor on one row read at unit stride or broadcast (stride 0):
/// a pointer and a mask (all ones, or zero to keep reading element 0). It is two
/// words, so the loops copy a tree of them into registers before a row: xsimd's
/// stores may alias anything, and a cursor left in memory would be reloaded after
/// every store.
template <class T>
class row_leaf {
public:
    using value_type = T;
    /// A cursor on the row at `p` (`mask` -1: unit stride; 0: the batch at `p` repeats).
    /// For next_row(): `outer` is the stride between rows; a broadcast row re-reads its
    /// value at `src` and replicates it into `fill` (= p).
    row_leaf(const T* p, std::ptrdiff_t mask, const T* src = nullptr, T* fill = nullptr,
             std::ptrdiff_t outer = 0) noexcept
        : m_ptr(p), m_mask(mask), m_src(src), m_fill(fill), m_outer(outer) {}

    /// Already a row cursor.
    row_leaf row_cursor() const noexcept { return *this; }
    /// Moves to the next row.
    void next_row() noexcept {
        if (m_mask != 0) {
            m_ptr += m_outer;
        } else {
            m_src += m_outer;
            simd::store(m_fill, simd::splat(*m_src));
        }
    }
    /// True when the row is read at unit stride (not broadcast).
    bool unit_stride() const noexcept { return m_mask != 0; }

    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(m_ptr[j & m_mask]);
    }
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t j) const noexcept {
        if constexpr (std::is_same_v<V, T>)
            return simd::load(m_ptr + (j & m_mask));
        else
            return gather_batch<V>([&](std::size_t k) { return scalar<V>(j + static_cast<std::ptrdiff_t>(k)); });
    }
    /// Lanes j.. of a bool row as a mask of `batch<V>` (a `where` condition held in a
    /// bool tensor): one load of width<V> bools, or one value repeated.
    template <class V, bool Flat>
        requires std::is_same_v<T, bool>
    simd::mask<V> mask(std::ptrdiff_t j) const noexcept {
        if (Flat || m_mask != 0) return simd::load_mask<V>(m_ptr + j);
        alignas(TMATH_ALIGNMENT) bool tmp[simd::width<V>];
        std::fill_n(tmp, simd::width<V>, *m_ptr);
        return simd::load_mask<V>(tmp);
    }
    /// batch() for a run known to be unit-stride (the flat loop).
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        if constexpr (std::is_same_v<V, T>)
            return simd::load(m_ptr + j);
        else
            return gather_batch<V>([&](std::size_t k) { return static_cast<V>(m_ptr[j + static_cast<std::ptrdiff_t>(k)]); });
    }
    /// Whether contiguous_half<V>() exists: no conversion.
    template <class V>
    static constexpr bool halves = std::is_same_v<V, T>;
    /// contiguous_batch() in a half-width batch (simd::half_batch).
    template <class V>
        requires std::is_same_v<V, T>
    simd::half_batch<V> contiguous_half(std::ptrdiff_t j) const noexcept {
        return simd::half_batch<V>::load_unaligned(m_ptr + j);
    }

private:
    const T* m_ptr;
    std::ptrdiff_t m_mask;
    const T* m_src;
    T* m_fill;
    std::ptrdiff_t m_outer;
};

/// Bytes of each operand's scratch in an evaluator of `operands` memory operands:
/// TMATH_OPERAND_SCRATCH_BYTES, or an equal share of TMATH_PLANNED_STACK_BYTES when
/// that is smaller (whole multiples of TMATH_ALIGNMENT, at least 1 KiB).
constexpr std::size_t operand_scratch_bytes(std::size_t operands) noexcept {
    const std::size_t share = TMATH_PLANNED_STACK_BYTES / (operands == 0 ? 1 : operands) / TMATH_ALIGNMENT * TMATH_ALIGNMENT;
    const std::size_t bytes = share < TMATH_OPERAND_SCRATCH_BYTES ? share : TMATH_OPERAND_SCRATCH_BYTES;
    return bytes < 1024 ? 1024 : bytes;
}

/// The scratch of every memory operand of one evaluation, `Bytes` each, in one block
/// outside the evaluator tree (so that building the tree, which copies its nodes,
/// never copies or duplicates scratch on the stack).
template <std::size_t Operands, std::size_t Bytes>
struct operand_scratch {
    static_assert(Bytes % TMATH_ALIGNMENT == 0 && Bytes >= 1024, "operand scratch: whole aligned slots of 1 KiB or more");
    alignas(TMATH_ALIGNMENT) std::byte m_bytes[Operands == 0 ? 1 : Operands][Bytes];
    /// Operand i's slot, as T elements (implicitly created in the byte array, C++20).
    template <class T>
    T* slot(std::size_t i) noexcept {
        return reinterpret_cast<T*>(m_bytes[i]);
    }
};

/// Cursor over one memory operand, with a slot of scratch (at least 1 KiB) of its own.
template <class T>
class leaf_evaluator {
public:
    using value_type = T;
    static_assert(1024 >= simd::width<T> * sizeof(T), "operand scratch must hold one batch");

    leaf_evaluator(const T* origin, const std::ptrdiff_t* leaf_strides, T* scratch) noexcept
        : m_src(origin), m_ptr(origin), m_strides(leaf_strides), m_scratch(scratch) {}
    leaf_evaluator(const leaf_evaluator& o) noexcept
        : m_src(o.m_src), m_ptr(o.m_src), m_strides(o.m_strides), m_scratch(o.m_scratch) {}
    leaf_evaluator& operator=(const leaf_evaluator&) = delete;

    template <class G>
    void for_each_leaf(G&& g) {
        g(*this);
    }

    /// Moves the cursor `count` steps along dimension `d`.
    void move(std::size_t d, std::ptrdiff_t count) noexcept { m_src += count * m_strides[d]; }

    /// Starts a row along dimension `inner` (stride 0 or 1).
    void begin_row(std::size_t inner) noexcept {
        if (m_strides[inner] == 0) {
            read_broadcast(*m_src);
        } else {
            m_ptr = m_src;
            set_step(1);
        }
    }

    /// Prepares `rows` rows of length `n` along (inner-1, inner) as one run; an
    /// operand that repeats across those rows is replicated into the scratch.
    void prepare_group(std::size_t inner, std::size_t rows, std::size_t n) noexcept {
        m_periodic = m_strides[inner - 1] == 0;
        if (!m_periodic) return;
        if (m_strides[inner] == 0) {
            read_broadcast(*m_src);  // m_ptr is set again by begin_group
        } else {
            for (std::size_t r = 0; r < rows; ++r) std::copy_n(m_src, n, m_scratch + r * n);
            set_step(1);
        }
    }
    /// Starts a grouped run (after prepare_group).
    void begin_group() noexcept {
        if (m_periodic) {
            m_ptr = m_scratch;
        } else {
            m_ptr = m_src;
            set_step(1);
        }
    }

    /// Starts a segment at position `i` of dimension `p` and `j0` of dimension `q`,
    /// stepping along `q` (the element-by-element strided loop).
    void begin_segment(std::size_t p, std::ptrdiff_t i, std::size_t q, std::ptrdiff_t j0) noexcept {
        m_ptr = m_src + i * m_strides[p] + j0 * m_strides[q];
        set_step(m_strides[q]);
    }

    /// Starts the tile [i0, i0+rows) x [j0, j0+cols) of dimensions (p, q). An operand
    /// that is not unit-stride or broadcast along q (a transposed one) is copied into
    /// the scratch as a row-major rows x cols block, reading along its faster dimension.
    /// `next_i0`/`next_j0` locate the tile that follows, whose source lines are prefetched.
    void begin_tile(std::size_t p, std::ptrdiff_t i0, std::ptrdiff_t rows, std::size_t q, std::ptrdiff_t j0,
                    std::ptrdiff_t cols, std::ptrdiff_t next_i0, std::ptrdiff_t next_j0) noexcept {
        const std::ptrdiff_t sp = m_strides[p];
        const std::ptrdiff_t sq = m_strides[q];
        m_tile = m_src + i0 * sp + j0 * sq;
        m_tile_step = sp;
        m_packed = sq != 0 && sq != 1;
        if (!m_packed) return;
        // The transposed reads are short runs on many pages: fetch the next tile's ahead.
        const auto next = reinterpret_cast<std::uintptr_t>(m_src) +
                          static_cast<std::uintptr_t>((next_i0 * sp + next_j0 * sq) * static_cast<std::ptrdiff_t>(sizeof(T)));
        const std::ptrdiff_t line = std::max<std::ptrdiff_t>(1, TMATH_CACHE_LINE / static_cast<std::ptrdiff_t>(sizeof(T)) / std::max<std::ptrdiff_t>(std::abs(sp), 1));
        for (std::ptrdiff_t j = 0; j < cols; ++j)
            for (std::ptrdiff_t i = 0; i < rows; i += line)
                arch::prefetch<arch::cache_level::l2>(next + static_cast<std::uintptr_t>((i * sp + j * sq) *
                                                                             static_cast<std::ptrdiff_t>(sizeof(T))));
        if (pack_transposed(rows, cols, sp, sq)) {
            // done: square blocks transposed in registers
        } else if (std::abs(sp) <= std::abs(sq)) {
            // Four source runs at a time: four independent loads, four adjacent stores.
            std::ptrdiff_t j = 0;
            for (; j + 4 <= cols; j += 4) {
                const T* r0 = m_tile + j * sq;
                const T* r1 = r0 + sq;
                const T* r2 = r1 + sq;
                const T* r3 = r2 + sq;
                T* out = m_scratch + j;
                for (std::ptrdiff_t i = 0; i < rows; ++i) {
                    out[i * cols] = r0[i * sp];
                    out[i * cols + 1] = r1[i * sp];
                    out[i * cols + 2] = r2[i * sp];
                    out[i * cols + 3] = r3[i * sp];
                }
            }
            for (; j < cols; ++j)
                for (std::ptrdiff_t i = 0; i < rows; ++i) m_scratch[i * cols + j] = m_tile[i * sp + j * sq];
        } else {
            for (std::ptrdiff_t i = 0; i < rows; ++i)
                for (std::ptrdiff_t j = 0; j < cols; ++j) m_scratch[i * cols + j] = m_tile[i * sp + j * sq];
        }
        m_tile = m_scratch;
        m_tile_step = cols;
    }
    /// Starts row `i` of the current tile (unit stride, or a replicated broadcast value).
    void begin_tile_row(std::ptrdiff_t i, std::size_t q) noexcept {
        if (!m_packed && m_strides[q] == 0) {
            read_broadcast(m_tile[i * m_tile_step]);
        } else {
            m_ptr = m_tile + i * m_tile_step;
            set_step(1);
        }
    }

    /// Element `j` of the current row or segment.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(m_ptr[j * m_step]);
    }
    /// The current row as a register-sized cursor (the row is unit-stride or broadcast).
    row_leaf<T> row_cursor() const noexcept { return row_leaf<T>(m_ptr, m_mask); }
    /// The current row (after begin_row) as a cursor that next_row() moves along `d`.
    row_leaf<T> rows_cursor(std::size_t d) noexcept {
        return row_leaf<T>(m_ptr, m_mask, m_src, m_scratch, m_strides[d]);
    }

private:
    /// Packs the tile at m_tile into the scratch when the operand is transposed (unit
    /// stride across the tile's rows): square blocks are transposed in registers, the
    /// edges element by element. False when there is no kernel for T or the layout differs.
    bool pack_transposed(std::ptrdiff_t rows, std::ptrdiff_t cols, std::ptrdiff_t sp, std::ptrdiff_t sq) noexcept {
        constexpr auto side = static_cast<std::ptrdiff_t>(simd::transpose_side<sizeof(T)>);
        if constexpr (side == 1) {
            return false;
        } else {
            if (sp != 1) return false;
            const std::ptrdiff_t full_rows = rows - rows % side;
            const std::ptrdiff_t full_cols = cols - cols % side;
            for (std::ptrdiff_t j = 0; j < full_cols; j += side)
                for (std::ptrdiff_t i = 0; i < full_rows; i += side)
                    simd::transpose_block(m_tile + i + j * sq, sq, m_scratch + i * cols + j, cols);
            for (std::ptrdiff_t i = 0; i < rows; ++i) {
                const std::ptrdiff_t j_begin = i < full_rows ? full_cols : 0;
                for (std::ptrdiff_t j = j_begin; j < cols; ++j) m_scratch[i * cols + j] = m_tile[i + j * sq];
            }
            return true;
        }
    }

    /// Reads `value` along the row: one batch of copies in the scratch, step 0.
    void read_broadcast(T value) noexcept {
        std::fill_n(m_scratch, simd::width<T>, value);
        m_ptr = m_scratch;
        set_step(0);
    }
    void set_step(std::ptrdiff_t step) noexcept {
        m_step = step;
        m_mask = step == 0 ? 0 : -1;
    }

    const T* m_src;
    const T* m_ptr;
    const std::ptrdiff_t* m_strides;
    std::ptrdiff_t m_step = 1;
    std::ptrdiff_t m_mask = -1;  ///< all ones for step 1, zero for step 0 (batch reads)
    const T* m_tile = nullptr;
    std::ptrdiff_t m_tile_step = 0;
    bool m_periodic = false;
    bool m_packed = false;
    T* m_scratch;
};

/// A constant operand.
template <class T>
class scalar_evaluator {
public:
    using value_type = T;
    explicit scalar_evaluator(T v) noexcept : m_value(v) {}
    template <class G>
    void for_each_leaf(G&&) {}
    template <class V>
    V scalar(std::ptrdiff_t) const noexcept {
        return static_cast<V>(m_value);
    }
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t) const noexcept {
        return simd::splat(static_cast<V>(m_value));
    }
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return batch<V>(j);
    }
    /// Whether contiguous_half<V>() exists: no conversion.
    template <class V>
    static constexpr bool halves = std::is_same_v<V, T>;
    /// The constant in a half-width batch.
    template <class V>
    simd::half_batch<V> contiguous_half(std::ptrdiff_t) const noexcept {
        return simd::half_batch<V>::broadcast(m_value);
    }
    /// Already a row cursor.
    scalar_evaluator row_cursor() const noexcept { return *this; }
    /// Already a row cursor.
    scalar_evaluator rows_cursor(std::size_t) const noexcept { return *this; }
    /// A constant is the same on every row.
    void next_row() noexcept {}
    /// A constant needs no memory stride.
    static constexpr bool unit_stride() noexcept { return true; }

private:
    T m_value;
};

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
    /// The type child I is read in.
    template <std::size_t I>
    using operand_t = typename operand_type<F, I, typename C::value_type...>::type;

    elementwise_evaluator(const F& f, C&&... children) : m_functor(f), m_children(std::move(children)...) {}

    template <class G>
    void for_each_leaf(G&& g) {
        std::apply([&](auto&... c) { (c.for_each_leaf(g), ...); }, m_children);
    }
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return static_cast<V>(m_functor(std::get<I>(m_children).template scalar<operand_t<I>>(j)...));
        }(std::index_sequence_for<C...>{});
    }
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t j) const noexcept {
        return read<V, false>(j);
    }
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return read<V, true>(j);
    }
    /// Whether contiguous_half<V>() exists: an arithmetic operator (its batch call takes
    /// any batch type) on children that all give V.
    template <class V>
    static constexpr bool halves = [] {
        if constexpr (!width_generic<F, V> || !std::is_same_v<value_type, V>) return false;
        else return (true && ... && halves_of<C, V>);
    }();
    /// contiguous_batch() in a half-width batch (simd::half_batch).
    template <class V>
    simd::half_batch<V> contiguous_half(std::ptrdiff_t j) const noexcept {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return m_functor(std::get<I>(m_children).template contiguous_half<V>(j)...);
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
    /// The node over its children's row cursors that step along dimension `d`.
    auto rows_cursor(std::size_t d) {
        return std::apply(
            [&](auto&... c) {
                return elementwise_evaluator<F, decltype(c.rows_cursor(d))...>{m_functor, c.rows_cursor(d)...};
            },
            m_children);
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
        if constexpr (std::is_same_v<operand_t<I>, bool>) return read_mask<V, Flat>(c, j);
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
                return (true && ... && (std::is_same_v<operand_t<I>, V> || std::is_same_v<operand_t<I>, bool>));
            }(std::index_sequence_for<C...>{});
        }
    }();
    template <class V, bool Flat>
    simd::batch<V> read(std::ptrdiff_t j) const noexcept {
        if constexpr (batches_of<V>) {
            return [&]<std::size_t... I>(std::index_sequence<I...>) {
                return m_functor(child_batch<I, V, Flat>(j)...);
            }(std::index_sequence_for<C...>{});
        } else {
            return gather_batch<V>([&](std::size_t k) { return scalar<V>(j + static_cast<std::ptrdiff_t>(k)); });
        }
    }

    F m_functor;
    std::tuple<C...> m_children;
};

/// Builds the flat evaluator of `e`: every memory operand is contiguous with the
/// destination's shape (checked by the caller).
template <tensor_expression E>
auto make_flat_evaluator(const E& e) {
    constexpr auto kind = std::remove_cvref_t<E>::node_kind;
    if constexpr (kind == expr_kind::memory) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(e.data())>>;
        return row_leaf<T>(e.data(), -1);
    } else if constexpr (kind == expr_kind::scalar) {
        return scalar_evaluator<value_type_t<E>>(e.value());
    } else {
        static_assert(kind == expr_kind::elementwise, "unknown expression node");
        return std::apply(
            [&](const auto&... a) {
                using node_eval = elementwise_evaluator<std::remove_cvref_t<decltype(e.functor())>,
                                                        decltype(make_flat_evaluator(a))...>;
                return node_eval{e.functor(), make_flat_evaluator(a)...};
            },
            e.args());
    }
}

/// Builds the evaluator of `e`; memory operands take their strides, in order, from `strides`
/// (which must outlive the evaluator), and slot `next` of `scratch` each.
template <tensor_expression E, std::size_t N, std::size_t Operands, std::size_t Bytes>
auto make_evaluator(const E& e, const std::array<const std::ptrdiff_t*, N>& strides, std::size_t& next,
                    operand_scratch<Operands, Bytes>& scratch) {
    constexpr auto kind = std::remove_cvref_t<E>::node_kind;
    if constexpr (kind == expr_kind::memory) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(e.data())>>;
        T* slot = scratch.template slot<T>(next);
        return leaf_evaluator<T>(e.data(), strides[next++], slot);
    } else if constexpr (kind == expr_kind::scalar) {
        return scalar_evaluator<value_type_t<E>>(e.value());
    } else {
        static_assert(kind == expr_kind::elementwise, "unknown expression node");
        return std::apply(
            [&](const auto&... a) {
                // List-initialization evaluates the children left to right, matching for_each_leaf.
                using node_eval = elementwise_evaluator<std::remove_cvref_t<decltype(e.functor())>,
                                                        decltype(make_evaluator(a, strides, next, scratch))...>;
                return node_eval{e.functor(), make_evaluator(a, strides, next, scratch)...};
            },
            e.args());
    }
}

}  // namespace tmath::detail
