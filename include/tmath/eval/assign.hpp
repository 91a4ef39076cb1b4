#pragma once
/// @file assign.hpp
/// Assignment of an expression into strided memory: the facts are computed
/// (assign_facts.hpp), the strategy chosen from them (strategy.hpp), and the code of
/// that strategy runs. Also the broadcast check of an assignment and the compound
/// assignments (`+=` ...).

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/core/aligned_buffer.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/assign_facts.hpp"
#include "tmath/eval/copy.hpp"
#include "tmath/eval/evaluator.hpp"
#include "tmath/eval/loops.hpp"
#include "tmath/eval/materialize.hpp"
#include "tmath/eval/plan.hpp"
#include "tmath/eval/plan_driver.hpp"
#include "tmath/eval/strategy.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/expr/tree.hpp"
#include "tmath/kernels/math_calls.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Strided memory as an expression operand (used for temporaries).
template <class T>
struct raw_memory {
    using value_type = std::remove_const_t<T>;
    static constexpr expr_kind node_kind = expr_kind::memory;
    static constexpr bool owns_memory = false;

    T* m_data;
    std::span<const std::size_t> m_shape;
    std::span<const std::ptrdiff_t> m_strides;

    /// The first element.
    T* data() const noexcept { return m_data; }
    /// Extents, outermost first.
    std::span<const std::size_t> shape() const noexcept { return m_shape; }
    /// Strides in elements.
    std::span<const std::ptrdiff_t> strides() const noexcept { return m_strides; }
};

/// Largest element size among the memory operands of `e` and `D`.
template <class D, class E>
std::size_t max_element_size(const E& e) {
    std::size_t m = sizeof(D);
    for_each_leaf(e, [&](const auto& leaf) {
        m = std::max(m, sizeof(*leaf.data()));
    });
    return m;
}

/// dst[0..n) = `ev`, the flat evaluator of an expression of type E, by strategy `s`
/// (flat, flat_half_width or flat_non_temporal): every operand a row-major array of n
/// elements (n ≥ 1).
template <class D, tensor_expression E, class Ev>
void write_flat_evaluator(assign_strategy s, D* dst, std::size_t n, const Ev& ev) {
    using V = value_type_t<E>;
    if constexpr (type_facts<D, E>().same_type && type_facts<D, E>().half_width_batches) {
        if (s == assign_strategy::flat_half_width) {
            contiguous_row_half_width(dst, static_cast<std::ptrdiff_t>(n), ev);
            return;
        }
    }
    write_row<true, V>(dst, static_cast<std::ptrdiff_t>(n), ev, s == assign_strategy::flat_non_temporal);
    if (s == assign_strategy::flat_non_temporal) simd::stream_fence();
}

/// dst[0..n) = e read flat, by strategy `s` (write_flat_evaluator).
template <class D, tensor_expression E>
void write_flat(assign_strategy s, D* dst, std::size_t n, const E& e) {
    write_flat_evaluator<D, E>(s, dst, n, make_flat_evaluator(e));
}

/// The flat strategy of `D = E` over n elements (every operand a row-major array of n
/// elements, the destination itself or apart from it) with `tuning`'s thresholds.
template <class D, tensor_expression E, class Tuning>
assign_strategy flat_strategy(std::size_t n, Tuning tuning) {
    assign_facts f = type_facts<D, E>();
    f.elements = n;
    f.flat = true;  // and so not aliased
    return choose_strategy(f, flat_tuning_for<D, E>(tuning, f));
}

/// With the compiled component, runs a flat `dst[0..n) = e` through its math loop when
/// `e` is one of its functions on D memory and the thresholds are this processor's
/// (a given tuning record keeps the header's loops); false when it does not.
template <class D, class E, class Tuning>
TMATH_FORCE_INLINE bool flat_through_component(D* dst, std::size_t n, const E& e, Tuning) {
    if constexpr (std::is_same_v<Tuning, processor_tuning> && component_math_run<D, E>) {
        component_math(dst, n, e);
        return true;
    } else {
        return false;
    }
}

/// dst[0..n) = e for a flat run (every operand a row-major array of n elements, the
/// destination itself or apart from it; n ≥ 1): the facts, the choice among the flat
/// strategies, and the loop.
template <class D, tensor_expression E, class Tuning>
void assign_flat(D* dst, std::size_t n, const E& e, Tuning tuning) {
    if (flat_through_component(dst, n, e, tuning)) return;
    write_flat(flat_strategy<D, E>(n, tuning), dst, n, e);
}

/// The planned loops of `e` into dst, which no operand aliases. The evaluator, with
/// each operand's scratch (operand_scratch_bytes), lives in this frame only: out of
/// line, so that the flat path's frame stays small and an aliased assignment's
/// temporary pass does not nest two evaluators. RowMajor: dst and every operand are
/// whole tensors (run_plan compiles only the loops of unit-stride and broadcast rows).
template <bool RowMajor = false, class D, tensor_expression E>
TMATH_NOINLINE void run_planned(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                                const E& e, std::size_t streaming_bytes) {
    using V = value_type_t<E>;
    constexpr std::size_t n_ops = leaf_count<E>();
    std::array<strides_t, n_ops> ops;  // every operand's strides, broadcast to `shape`
    std::size_t k = 0;
    for_each_leaf(e, [&](const auto& leaf) { ops[k++] = broadcast_strides(leaf.shape(), leaf.strides(), shape); });
    constexpr std::size_t scratch_bytes = operand_scratch_bytes(n_ops);
    plan_limits limits;
    limits.group_capacity = std::min<std::size_t>(TMATH_GROUP_BYTES, scratch_bytes) / max_element_size<D>(e);
    limits.tile_capacity = scratch_bytes / max_element_size<D>(e);
    limits.batch = simd::width<V>;
    const auto p = plan<n_ops>(shape, dst_strides, ops, limits);
    std::array<const std::ptrdiff_t*, n_ops> op_strides;
    for (std::size_t i = 0; i < n_ops; ++i) op_strides[i] = p.operands[i].data();
    operand_scratch<n_ops, scratch_bytes> scratch;  // uninitialized: written before it is read
    std::size_t next = 0;
    auto ev = make_evaluator(e, op_strides, next, scratch);
    run_plan<V, RowMajor>(p, dst, ev, streaming_bytes);
}

/// Writes `e`, broadcast to `shape`, into the array at `dst` with `dst_strides`. The
/// caller has checked that e.shape() broadcasts to `shape`. The strategy's thresholds
/// come from `tuning`: this processor's record by default, or a given `arch::tuning`.
template <class D, tensor_expression E, class Tuning = processor_tuning>
void assign_into(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                 const E& e, Tuning tuning = {});

/// Writes `e` into a temporary and the temporary into dst (copy_into): an operand reads
/// the destination through another index mapping. Out of line, so that the evaluator's
/// frame is not nested in the caller's.
template <class D, tensor_expression E, class Tuning>
TMATH_NOINLINE void assign_through_temporary(D* dst, std::span<const std::size_t> shape,
                                             std::span<const std::ptrdiff_t> dst_strides, const E& e, Tuning tuning) {
    using V = value_type_t<E>;
    aligned_buffer<V> tmp(shape_size(shape), aligned_buffer<V>::uninitialized);
    const strides_t tmp_strides = row_major_strides(shape);
    assign_into(tmp.data(), shape, tmp_strides.span(), e, tuning);
    copy_into(dst, shape, dst_strides, tmp.data(), shape, tmp_strides.span());
}

/// Runs strategy `s` for `e`, an expression without products, into the `n` (≥ 1)
/// elements of dst.
template <class D, tensor_expression E, class Tuning>
void run_elementwise(assign_strategy s, D* dst, std::span<const std::size_t> shape,
                     std::span<const std::ptrdiff_t> dst_strides, std::size_t n, const E& e, Tuning tuning) {
    switch (s) {
    case assign_strategy::flat:
    case assign_strategy::flat_half_width:
    case assign_strategy::flat_non_temporal:
        if (!flat_through_component(dst, n, e, tuning)) write_flat(s, dst, n, e);
        return;
    case assign_strategy::planned:
        run_planned(dst, shape, dst_strides, e, planned_streaming_bytes<D, E>(tuning, n));
        return;
    case assign_strategy::through_temporary:
        assign_through_temporary(dst, shape, dst_strides, e, tuning);
        return;
    case assign_strategy::products_first:
    case assign_strategy::product_into_destination:
        return;  // not chosen for an expression without products
    }
}

/// assign_into for an expression without products.
template <class D, tensor_expression E, class Tuning>
void assign_elementwise(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                        const E& e, Tuning tuning) {
    const std::size_t n = shape_size(shape);
    if (n == 0) return;
    assign_facts f = type_facts<D, E>();
    f.elements = n;
    f.flat = all_contiguous_like(dst, n, shape, dst_strides, e);
    // A flat run's operands are the destination itself or apart from it.
    f.aliased = !f.flat && reads_destination_elsewhere(dst, shape, dst_strides, e);
    run_elementwise(choose_strategy(f, flat_tuning_for<D, E>(tuning, f)), dst, shape, dst_strides, n, e, tuning);
}

template <class D, tensor_expression E, class Tuning>
void assign_into(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                 const E& e, Tuning tuning) {
    if constexpr (contains_product<E>()) {  // (the element-wise strategies cannot read a product)
        using node = std::remove_cvref_t<E>;
        assign_facts f = type_facts<D, E>();
        if constexpr (node::node_kind == expr_kind::product)
            f.product_fits_destination =
                shape_t::same_elements(shape.data(), shape.size(), e.shape().data(), e.shape().size());
        if (choose_strategy(f, tuning_for<D, E>(tuning)) == assign_strategy::product_into_destination) {
            if constexpr (node::node_kind == expr_kind::product)
                e.assign_to(dst, shape, dst_strides, false);  // GEMM straight into the destination
            return;
        }
        // products_first: each product once into a temporary, then the element-wise pass.
        const auto m = materialize(e, [](auto& tmp, const auto& p) {
            p.assign_to(tmp.data(), tmp.shape(), tmp.strides(), false);
        });
        if constexpr (node::node_kind == expr_kind::product) {
            copy_into(dst, shape, dst_strides, m.data(), m.shape(), m.strides());  // the product alone, broadcast
        } else {
            assign_into(dst, shape, dst_strides, m, tuning);
        }
    } else {
        assign_elementwise(dst, shape, dst_strides, e, tuning);
    }
}

/// assign_into for a destination that is a whole tensor of `shape` (row-major,
/// contiguous, `n` elements, its storage its own). When every operand is a tensor of n
/// elements, each is read in the same flat order as the destination and is either the
/// destination itself or apart from it: the assignment is flat without the general
/// layout and overlap checks, which cost more than the rest of a short assignment
/// (bench/README.md, "mul_contiguous/1024"). When some are smaller (broadcast), no
/// operand reads the destination elsewhere either (a tensor of the destination's shape
/// is read in its order, any other is apart from it), and every row of the plan is
/// unit-stride or broadcast: the planned loops run without the strided ones.
template <class D, tensor_expression E, class Tuning = processor_tuning>
void assign_into_tensor(D* dst, std::size_t n, std::span<const std::size_t> shape,
                        std::span<const std::ptrdiff_t> dst_strides, const E& e, Tuning tuning = {}) {
    if constexpr (only_tensor_operands<E>()) {
        bool flat = true;
        for_each_leaf(e, [&](const auto& leaf) { flat = flat && leaf.size() == n; });
        if (n == 0) return;
        if (flat) assign_flat(dst, n, e, tuning);
        else run_planned<true>(dst, shape, dst_strides, e, planned_streaming_bytes<D, E>(tuning, n));
        return;
    }
    assign_into(dst, shape, dst_strides, e, tuning);
}

/// Checks that `e` broadcasts to `target` exactly (the destination cannot grow).
template <tensor_expression E>
void check_assignable(std::span<const std::size_t> target, const E& e, const char* op) {
    const std::span<const std::size_t> spans[] = {target, e.shape()};
    const shape_t result = broadcast_shape_of(std::span(spans), op);
    if (!(result == target))
        throw shape_error(std::string(op) + ": output operand with shape " + format_shape(target) +
                          " doesn't match the broadcast shape " + format_shape(result) + " of " +
                          format_shape(target) + " and " + format_shape(e.shape()));
}

/// `dst op= rhs` for a tensor or view `dst`: `rhs` broadcasts into dst's shape.
/// `c += matmul(a, b)` and `c -= matmul(a, b)` of c's shape accumulate in the GEMM (beta = 1).
template <class Dst, class F, class R>
void compound_assign(Dst& dst, F f, R&& rhs) {
    if constexpr (tensor_expression<R>) {
        constexpr bool additive = std::is_same_v<F, fn::plus> || std::is_same_v<F, fn::minus>;
        if constexpr (std::remove_cvref_t<R>::node_kind == expr_kind::product && additive) {
            using D = value_type_t<Dst>;
            const std::span<const std::size_t> shape(dst.shape());
            assign_facts facts = type_facts<D, R>();
            facts.product_fits_destination =  // it accumulates into the destination's elements
                shape_t::same_elements(shape.data(), shape.size(), rhs.shape().data(), rhs.shape().size());
            if (choose_strategy(facts, tuning_for<D, R>(processor_tuning{})) == assign_strategy::product_into_destination) {
                if constexpr (std::is_same_v<F, fn::minus>)
                    std::forward<R>(rhs).scaled(value_type_t<R>(-1)).assign_to(dst.data(), shape, dst.strides(), true);
                else
                    rhs.assign_to(dst.data(), shape, dst.strides(), true);
                return;
            }
        }
    }
    // Checked against the right side's own shape, so that the message names it.
    if constexpr (tensor_expression<R>) check_assignable(dst.shape(), rhs, F::name);
    auto node = binary(f, std::as_const(dst), std::forward<R>(rhs));
    assign_into(dst.data(), dst.shape(), dst.strides(), node);
}

}  // namespace tmath::detail
