#pragma once
/// @file processor.hpp
/// Which family's tuning table this processor gets, decided once at run time. Adding a
/// family is one file with its table (see arch/intel.hpp) and one line in
/// `detect_family` below.

#include <array>

#include "tmath/arch/amd_zen4.hpp"
#include "tmath/arch/generic.hpp"
#include "tmath/arch/intel.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// The processor families with a table of their own.
enum class family { generic, intel, amd_zen4 };

/// The table of family `f` for target `t`.
constexpr tuning tuning_of(family f, simd_target t = compiled_target) noexcept {
    switch (f) {
    case family::intel: return intel_tuning(t);
    case family::amd_zen4: return amd_zen4_tuning(t);
    case family::generic: break;
    }
    return generic_tuning(t);
}

/// Every family, for tests that run each family's paths on any machine.
inline constexpr std::array<family, 3> all_families{family::generic, family::intel, family::amd_zen4};

/// The family of the processor this program runs on (CPUID through the compiler's
/// builtins on x86; every other processor is generic).
inline family detect_family() noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
    __builtin_cpu_init();  // (needed when called before the runtime's own initializers)
    if (__builtin_cpu_is("intel")) return family::intel;
    if (__builtin_cpu_is("amd")) return family::amd_zen4;
#endif
    return family::generic;
}

/// This processor's tuning record for this build's target (detected on the first call).
inline const tuning& this_processor() noexcept {
    static const tuning record = tuning_of(detect_family());
    return record;
}

// The micro-kernel shape is fixed at compile time (the packing layout depends on it):
// every family must give the shape the generic table gives for this build's target.
static_assert([] {
    for (family f : all_families) {
        const tuning t = tuning_of(f);
        const tuning g = generic_tuning(compiled_target);
        if (!(t.gemm4.shape == g.gemm4.shape && t.gemm8.shape == g.gemm8.shape &&
              t.gemm_scalar.shape == g.gemm_scalar.shape))
            return false;
    }
    return true;
}(), "a family's GEMM register shape differs from the compiled micro-kernel's");

}  // namespace tmath::arch
