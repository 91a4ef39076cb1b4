#pragma once
/// @file amd_zen4.hpp
/// AMD processors (Zen 4: one 512-bit FMA per cycle as two 256-bit halves, L1d 32 KiB,
/// L2 1 MiB, 32 MiB L3). The family keeps the generic table's choices, which suit it:
/// one-batch-tall small-GEMM kernels (the FMA unit, not the loads, limits them), deep
/// GEMM blocks (MC = KC = 512 with AVX-512), one stream per read (its large L3 holds the
/// operands that two-stream reads help elsewhere), and dot prefetching ahead once its
/// operands stream from memory (bench/README.md, "The figures behind the code's choices").

#include "tmath/arch/generic.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// The AMD table for target `t`.
constexpr tuning amd_zen4_tuning(simd_target t) noexcept {
    tuning r = generic_tuning(t);
    r.family = "amd-zen4";
    return r;
}

}  // namespace tmath::arch
