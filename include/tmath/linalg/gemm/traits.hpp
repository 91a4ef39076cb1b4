#pragma once
/// @file traits.hpp
/// Register and cache block sizes of the GEMM engine per element type.
///
/// The engine computes C = A·B in the orientation where C's columns are contiguous
/// (a row-major C is computed as Cᵀ = Bᵀ·Aᵀ), so that the micro-kernel's MR rows are
/// whole SIMD batches of a C column: MR = `mr_vectors` × `simd::width<T>` and NR
/// columns of broadcasts. This is the BLIS micro-kernel shape, fixed at compile time for
/// the build's target (every family's tuning table gives the same shape for it,
/// arch/processor.hpp checks). The cache blocks (MC, KC, NC) come from the processor's
/// tuning record at run time, as BLIS picks a sub-configuration per CPU.
///
/// Override for one type by specializing `tmath::gemm_traits<T>` before the first use
/// (give `mr`, `nr` and `blocks(const arch::tuning&)`).

#include <cstddef>

#include "tmath/arch/generic.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Register block sizes of GEMM for element type T, and its cache blocks for a tuning
/// record. Requirements: `mr` is a multiple of `simd::width<T>`; `blocks(t)` gives `mc`
/// a multiple of `mr` and `nc` of `nr`, all three positive.
template <class T>
struct gemm_traits {
    /// The micro-kernel shape of this build's target.
    static constexpr arch::gemm_shape shape = arch::generic_tuning(arch::compiled_target).gemm<T>().shape;
    /// Rows of the micro-tile (a multiple of the SIMD width).
    static constexpr std::size_t mr = shape.mr_vectors * simd::width<T>;
    /// Columns of the micro-tile.
    static constexpr std::size_t nr = shape.nr;
    /// Cache blocks of tuning `t`: rows of a packed A block (kept in L2), depth of a K
    /// block, columns of a packed B block (kept in L3); MC rounded up to a multiple of
    /// MR and NC of NR.
    static constexpr gemm_blocks blocks(const arch::tuning& t) noexcept {
        const gemm_blocks b = t.gemm<T>().blocks;
        return {(b.mc + mr - 1) / mr * mr, b.kc, (b.nc + nr - 1) / nr * nr};
    }
};

}  // namespace tmath
