#pragma once
/// @file copy.hpp
/// The copy out of (or into) a temporary: the second pass of an assignment through a
/// temporary (an operand that reads the destination elsewhere, a product whose
/// destination overlaps an operand or is broadcast into). One array into another,
/// broadcasting and converting, as a loop nest in the destination's memory order (the
/// plan's order, merged dimensions), each contiguous run one std::copy. It is one small
/// function per pair of element types: the planned loops, instantiated for a memory
/// operand, would compile a second evaluator into every translation unit that assigns.

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/plan.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Writes the array at `src` (`src_shape`, `src_strides`), broadcast to `shape`, into the
/// array at `dst` (`shape`, `dst_strides`), converting S to D. The two do not overlap.
template <class D, class S>
TMATH_NOINLINE void copy_into(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                              const S* src, std::span<const std::size_t> src_shape,
                              std::span<const std::ptrdiff_t> src_strides) {
    const std::array<strides_t, 1> ops{broadcast_strides(src_shape, src_strides, shape)};
    const eval_plan<1> p = plan<1>(shape, dst_strides, ops);
    const std::size_t inner = p.rank() - 1;
    const auto n = static_cast<std::ptrdiff_t>(p.shape[inner]);
    if (n == 0) return;
    const std::ptrdiff_t dj = p.dst[inner];
    const std::ptrdiff_t sj = p.operands[0][inner];
    small_vector<std::size_t, TMATH_INLINE_RANK> idx(inner, 0);  // odometer over the outer dimensions
    while (true) {
        if (std::is_same_v<D, S> && dj == 1 && sj == 1) {
            std::copy_n(src, n, dst);
        } else {
            for (std::ptrdiff_t j = 0; j < n; ++j) dst[j * dj] = static_cast<D>(src[j * sj]);
        }
        std::size_t k = inner;
        while (true) {
            if (k == 0) return;
            --k;
            if (++idx[k] < p.shape[k]) {
                dst += p.dst[k];
                src += p.operands[0][k];
                break;
            }
            const auto back = static_cast<std::ptrdiff_t>(p.shape[k] - 1);
            dst -= back * p.dst[k];
            src -= back * p.operands[0][k];
            idx[k] = 0;
        }
    }
}

}  // namespace tmath::detail
