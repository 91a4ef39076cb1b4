/// @file dispatch.cpp
/// The choice of the compiled component's tier (kernels/table.hpp), made once per
/// process: the best tier this processor and its operating system support, capped by
/// the environment variable TMATH_ARCH. Compiled with no instruction-set flags: it runs
/// before anything is known about the processor.
///
/// Detection on x86-64 asks the compiler's CPUID builtins (GCC and Clang), which also
/// check through XGETBV that the operating system saves the AVX and AVX-512 registers.
/// (xsimd's `available_architectures()` is not used: xsimd 8.1's has no AVX-512VL field,
/// reads the AVX bit from the wrong CPUID leaf and does not check the saved state.)
/// AArch64 always has NEON. Which tiers exist is decided by CMake, which compiles the
/// tiers of the target processor and defines TMATH_KERNELS_X86 or TMATH_KERNELS_NEON
/// (neither: one generic tier).

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tmath/kernels/table.hpp"

namespace tmath_kernels_abi {
namespace {

#if defined(TMATH_KERNELS_X86)
/// The tiers from the lowest up.
const table* const tiers[] = {&sse2_table, &avx2_table, &avx512_table};
constexpr const char* tier_names = "sse2, avx2, avx512";

/// Index in `tiers` of the best tier this processor supports.
int best_index() noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_cpu_init();  // (needed when called before the runtime's own initializers)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
#endif
    return 0;
}
#elif defined(TMATH_KERNELS_NEON)
const table* const tiers[] = {&neon_table};
constexpr const char* tier_names = "neon";
int best_index() noexcept { return 0; }
#else
const table* const tiers[] = {&generic_table};
constexpr const char* tier_names = "generic";
int best_index() noexcept { return 0; }
#endif

constexpr int tier_count = static_cast<int>(sizeof(tiers) / sizeof(tiers[0]));

/// The tier that TMATH_ARCH caps the choice at: its index, tier_count - 1 when the
/// variable is unset or empty, -1 when it names no tier of this build.
int cap_index(const char* value) noexcept {
    if (value == nullptr || *value == '\0') return tier_count - 1;
    for (int i = 0; i < tier_count; ++i)
        if (std::strcmp(value, tiers[i]->tier) == 0) return i;
    return -1;
}

const table& choose() noexcept {
    const int best = best_index();
    const char* env = std::getenv("TMATH_ARCH");
    const int cap = cap_index(env);
    if (cap < 0) {
        std::fprintf(stderr, "tmath::kernels: TMATH_ARCH=%s names no tier of this build (%s); ignored, running %s\n",
                     env, tier_names, tiers[best]->tier);
        return *tiers[best];
    }
    return *tiers[cap < best ? cap : best];
}

}  // namespace

const table& best_table() noexcept {
    static const table& t = *tiers[best_index()];
    return t;
}

const table& chosen_table() noexcept {
    static const table& t = choose();
    return t;
}

}  // namespace tmath_kernels_abi
