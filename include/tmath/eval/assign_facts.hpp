#pragma once
/// @file assign_facts.hpp
/// The facts that an assignment's strategy is chosen from (strategy.hpp), computed from
/// the destination and the expression: what the types decide, at compile time
/// (type_facts); whether the arrays form one flat run (all_contiguous_like); whether an
/// operand reads the destination elsewhere (reads_destination_elsewhere); and the
/// tuning record that the thresholds come from (processor_tuning, tuning_for).

#include <algorithm>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include "tmath/arch/generic.hpp"
#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/aliasing.hpp"
#include "tmath/eval/batch_read.hpp"
#include "tmath/eval/evaluator.hpp"
#include "tmath/eval/strategy.hpp"
#include "tmath/expr/tree.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The evaluator type that make_flat_evaluator builds for E.
template <class E>
using flat_evaluator_t = decltype(make_flat_evaluator(std::declval<const E&>()));

/// The facts of assigning E into elements of type D that the types decide, all known at
/// compile time: products, memory operands, element sizes and types, and what the build
/// offers for them. The run-time facts (elements, flat, aliased) are left unset.
template <class D, tensor_expression E>
constexpr assign_facts type_facts() noexcept {
    using V = value_type_t<E>;
    assign_facts f;
    f.holds_product = contains_product<E>();
    f.operands = leaf_count<E>();
    f.value_bytes = sizeof(V);
    f.destination_bytes = sizeof(D);
    f.same_type = std::is_same_v<V, D>;
    f.non_temporal_stores = simd::has_stream_store<V>;
    if constexpr (!contains_product<E>())  // (a product has no flat evaluator)
        f.half_width_batches =
            simd::has_half_batch && simd::has_native_batch<V> && reads_half_width<flat_evaluator_t<E>, V>;
    return f;
}

/// The tuning record source of an assignment by default: this processor's record
/// (arch::this_processor()), looked up only where the choice reads a threshold. The
/// assignment functions take it, or a record (`arch::tuning`, or `std::cref` of one), as
/// their `tuning` argument; the tag is empty, so the default costs no argument passing.
struct processor_tuning {};

/// The generic tuning record, for choices that read no threshold (see tuning_for).
inline constexpr arch::tuning stand_in_tuning = arch::generic_tuning(arch::compiled_target);

/// The tuning record the strategy of assigning E into D takes its thresholds from, by
/// default: this processor's where a threshold can matter (a flat run of one type in a
/// build with half-width batches), else stand_in_tuning, which nothing reads: the
/// choice then adds no run-time work where the tuning cannot change it.
template <class D, tensor_expression E>
const arch::tuning& tuning_for(processor_tuning) noexcept {
    constexpr assign_facts f = type_facts<D, E>();
    if constexpr (f.same_type && f.half_width_batches) return arch::this_processor();
    else return stand_in_tuning;
}
/// The tuning record given to an assignment (tests run each family's choices with it).
template <class D, tensor_expression E>
constexpr const arch::tuning& tuning_for(const arch::tuning& t) noexcept {
    return t;
}

/// The smallest value of a threshold `field` of any family's record: below it every
/// record makes the same choice.
template <std::size_t arch::tuning::*Field>
inline constexpr std::size_t smallest_of_families = [] {
    std::size_t m = arch::never;
    for (arch::family fam : arch::all_families) m = std::min(m, arch::tuning_of(fam).*Field);
    return m;
}();
/// The smallest half-width threshold of any family.
inline constexpr std::size_t smallest_half_width_bytes = smallest_of_families<&arch::tuning::half_width_bytes>;
/// The smallest streaming threshold of any family.
inline constexpr std::size_t smallest_streaming_bytes = smallest_of_families<&arch::tuning::streaming_bytes>;

/// tuning_for a flat run with facts `f`: this processor's record is looked up only when
/// the run is past some family's half-width or streaming threshold. A short run (the
/// common case of small tensors, where the lookup is a visible share of the time) takes
/// the stand-in.
template <class D, tensor_expression E>
const arch::tuning& flat_tuning_for(processor_tuning tag, const assign_facts& f) noexcept {
    constexpr assign_facts t = type_facts<D, E>();
    if constexpr (t.same_type && t.non_temporal_stores)
        if (non_temporal_size(f.elements * f.destination_bytes, smallest_streaming_bytes)) return arch::this_processor();
    if (!half_width_size(f.elements, f.value_bytes, f.operands, smallest_half_width_bytes)) return stand_in_tuning;
    return tuning_for<D, E>(tag);
}
/// flat_tuning_for a given record: the record.
template <class D, tensor_expression E>
constexpr const arch::tuning& flat_tuning_for(const arch::tuning& t, const assign_facts&) noexcept {
    return t;
}

/// The streaming threshold of a planned assignment of `n` elements of E into D: this
/// processor's, looked up only when some family would stream such a destination.
template <class D, tensor_expression E>
std::size_t planned_streaming_bytes(processor_tuning, std::size_t n) noexcept {
    constexpr assign_facts t = type_facts<D, E>();
    if constexpr (t.same_type && t.non_temporal_stores)
        if (non_temporal_size(n * sizeof(D), smallest_streaming_bytes)) return arch::this_processor().streaming_bytes;
    return arch::never;
}
/// planned_streaming_bytes with a given record: its threshold.
template <class D, tensor_expression E>
constexpr std::size_t planned_streaming_bytes(const arch::tuning& t, std::size_t) noexcept {
    return t.streaming_bytes;
}

/// True when the destination (`n` elements at `dst`) and every memory operand of `e`
/// are row-major arrays of `shape` that are either disjoint from the destination or
/// exactly the destination: then the assignment is one flat run and needs no plan.
template <class D, class E>
bool all_contiguous_like(const D* dst, std::size_t n, std::span<const std::size_t> shape,
                         std::span<const std::ptrdiff_t> dst_strides, const E& e) {
    if (!is_row_major(shape, dst_strides)) return false;
    const auto* lo = reinterpret_cast<const std::byte*>(dst);
    const auto* hi = lo + n * sizeof(D);
    bool ok = true;
    for_each_leaf(e, [&](const auto& leaf) {
        if (!ok) return;
        if constexpr (owning_expression<std::remove_cvref_t<decltype(leaf)>>) {
            // A row-major tensor that broadcasts to `shape` with as many elements differs
            // from it by extents of 1 only: it is read in the same flat order.
            ok = leaf.size() == n;
        } else {
            const auto leaf_shape = std::span<const std::size_t>(leaf.shape());
            ok = shape_t::same_elements(leaf_shape.data(), leaf_shape.size(), shape.data(), shape.size()) &&
                 is_row_major(leaf_shape, leaf.strides());
        }
        if (!ok) return;
        const auto* p = reinterpret_cast<const std::byte*>(leaf.data());
        const bool same = p == lo && sizeof(*leaf.data()) == sizeof(D);
        const bool disjoint = p + n * sizeof(*leaf.data()) <= lo || hi <= p;
        ok = same || disjoint;
    });
    return ok;
}

/// True when an operand of `e` reads the memory of the destination (`dst` with `shape`
/// and `dst_strides`) through another index mapping: writing the destination could
/// overwrite an element before it is read. Out of line, beside the planned path that
/// needs it: a flat run never does (its operands are the destination or apart from it).
template <class D, tensor_expression E>
TMATH_NOINLINE bool reads_destination_elsewhere(const D* dst, std::span<const std::size_t> shape,
                                                std::span<const std::ptrdiff_t> dst_strides, const E& e) {
    const byte_extent dst_ext = extent_of(dst, shape, dst_strides, sizeof(D));
    bool alias = false;
    for_each_leaf(e, [&](const auto& leaf) {
        alias = alias || unsafe_alias(dst, dst_ext, dst_strides, sizeof(D), leaf.data(), leaf.shape(), leaf.strides(),
                                      sizeof(*leaf.data()), shape);
    });
    return alias;
}

}  // namespace tmath::detail
