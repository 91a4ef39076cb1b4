#pragma once
/// @file kernels.hpp
/// Reduction of strided memory into a row-major result: the entry `reduce_strided`. The
/// operand's dimensions are first put in memory order, extents of 1 dropped and adjacent
/// dimensions merged (reduce/layout.hpp); then one of two kernels runs:
/// - contiguous axis (reduce/contiguous_axis.hpp): the innermost (unit-stride) dimension
///   is reduced: four SIMD accumulators per result element over every reduced run, one
///   horizontal reduce;
/// - outer axes (reduce/outer_axes.hpp): the innermost dimension is kept: whole rows
///   stream past an accumulator row four at a time (vertical SIMD, never element by
///   element across strides).
/// A non-unit innermost stride is reported back so the caller copies the operand once.

#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/contiguous_axis.hpp"
#include "tmath/reduce/layout.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/reduce/outer_axes.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Reduces the strided array laid out as `l` (make_reduce_layout) into the row-major
/// result `out`; false, writing nothing, when its innermost dimension in memory order is
/// not unit-stride. `t`: the processor tuning whose loops run.
template <class Op, class T, class A>
bool reduce_laid_out(const T* in, const reduce_layout& l, A* out, const arch::tuning& t) {
    if (l.m_count == 0) {
        out[0] = Op::apply(Op::template identity<A>(), static_cast<A>(in[0]));
        return true;
    }
    const reduce_dim& inner = l.m_dims[l.m_count - 1];
    if (inner.in != 1) return false;
    if (inner.reduced) reduce_contiguous_axis<Op, T, A>(in, l, out, t);
    else reduce_outer_axes<Op, T, A>(in, l, out);
    return true;
}

/// Reduces `axes` of the strided array (in, shape, strides) into the row-major result
/// `out` (every extent non-zero). Returns false, writing nothing, when the innermost
/// dimension in memory order is not unit-stride (the caller copies the operand first).
/// `t`: the processor tuning whose loops run.
template <class Op, class T, class A>
bool reduce_strided(const T* in, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                    axis_set axes, A* out, const arch::tuning& t) {
    return reduce_laid_out<Op, T, A>(in, make_reduce_layout(shape, strides, axes), out, t);
}

/// `reduce_strided` on this processor's tuning: with the compiled component
/// (TMATH_KERNELS), the sum of float or double memory that is one contiguous run
/// (every element, in any memory order) runs the tier chosen at run time.
template <class Op, class T, class A>
bool reduce_strided(const T* in, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                    axis_set axes, A* out) {
    const reduce_layout l = make_reduce_layout(shape, strides, axes);
    if constexpr (std::is_same_v<Op, sum_op> && std::is_same_v<T, A> && component_runs<T>) {
        if (l.m_count == 1 && l.m_dims[0].reduced && l.m_dims[0].in == 1) {
            out[0] = component_sum<T>(in, l.m_dims[0].n);
            return true;
        }
    }
    return reduce_laid_out<Op, T, A>(in, l, out, arch::this_processor());
}

}  // namespace tmath::detail
