#pragma once
/// @file strategy.hpp
/// How an assignment runs, chosen in one place: `choose_strategy` is a pure function
/// of plain facts about the destination and the expression (layout, sizes, types,
/// products, aliasing) and of a processor tuning record for the thresholds. The
/// assignment code (eval/assign.hpp) computes the facts (eval/assign_facts.hpp), calls
/// it, and switches on the result; tests/test_strategy.cpp pins the choice down.

#include <cstddef>

#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// How an assignment `dst = expr` runs.
enum class assign_strategy {
    flat,                      ///< one linear loop of full batches over contiguous arrays
    flat_half_width,           ///< the flat loop in half-width batches (simd::half_batch)
    flat_non_temporal,         ///< the flat loop with non-temporal stores
    planned,                   ///< plan() merges and orders the dimensions, then its loops run
    through_temporary,         ///< into a temporary, then copied: an operand reads the destination
    products_first,            ///< each product into a temporary, then the element-wise pass
    product_into_destination,  ///< the product's own kernel (GEMM, GEMV, dot) writes the destination
};

/// What the choice of strategy depends on. The assignment code fills the facts the
/// choice reads: `aliased` only when `flat` is false, the flat ones only without products.
struct assign_facts {
    /// The expression holds a product node (matmul), which has no element-wise evaluator.
    bool holds_product = false;
    /// The expression is one product node that writes the destination's elements itself
    /// (its shape is the destination's; for `+=` / `-=`, it accumulates into them).
    bool product_fits_destination = false;
    /// The destination and every memory operand are row-major arrays of the same
    /// elements, each either the destination itself or apart from it.
    bool flat = false;
    /// An operand reads the destination's memory through another index mapping.
    bool aliased = false;
    std::size_t elements = 0;           ///< elements of the destination
    std::size_t operands = 0;           ///< memory operands of the expression
    std::size_t value_bytes = 0;        ///< bytes of the element type the expression computes in
    std::size_t destination_bytes = 0;  ///< bytes of a destination element
    bool same_type = false;             ///< the destination's element type is the expression's
    /// The build has non-temporal stores for the expression's element type.
    bool non_temporal_stores = false;
    /// The build has half-width batches (simd::has_half_batch) and the expression reads
    /// its operands in them (arithmetic on one type, see reads_half_width).
    bool half_width_batches = false;
};

/// Whether a destination of `bytes` bytes is written with non-temporal stores where the
/// build has them: from a tuning's `streaming_bytes` it would not stay in cache anyway.
constexpr bool non_temporal_size(std::size_t bytes, std::size_t streaming_bytes) noexcept {
    return bytes >= streaming_bytes;
}

/// Whether a flat run of `elements` elements of `value_bytes` bytes reading `operands`
/// arrays is past `threshold` bytes (a tuning's `half_width_bytes`; operands and
/// destination together).
constexpr bool half_width_size(std::size_t elements, std::size_t value_bytes, std::size_t operands,
                               std::size_t threshold) noexcept {
    return elements * value_bytes * (operands + 1) > threshold;
}

/// The strategy of an assignment with facts `f` on a processor tuned by `t`.
constexpr assign_strategy choose_strategy(const assign_facts& f, const arch::tuning& t) noexcept {
    if (f.holds_product)
        return f.product_fits_destination ? assign_strategy::product_into_destination
                                          : assign_strategy::products_first;
    if (!f.flat) return f.aliased ? assign_strategy::through_temporary : assign_strategy::planned;
    if (f.same_type && f.non_temporal_stores && non_temporal_size(f.elements * f.destination_bytes, t.streaming_bytes))
        return assign_strategy::flat_non_temporal;
    if (f.same_type && f.half_width_batches && half_width_size(f.elements, f.value_bytes, f.operands, t.half_width_bytes))
        return assign_strategy::flat_half_width;
    return assign_strategy::flat;
}

}  // namespace tmath::detail
