#pragma once
/// @file cpu.hpp
/// The processor family the program runs on, detected once at run time. Kernels
/// compiled for one instruction set can still want different shapes and block sizes
/// per family: with AVX-512, Intel's server cores run two 512-bit FMAs per cycle where
/// AMD's Zen 4 runs one (two 256-bit halves), and their L1 and L2 differ in size.

namespace tmath::detail {

/// Processor families with tuning of their own.
enum class cpu_family {
    other,  ///< not x86, unknown vendor, or a compiler without the detection builtins
    intel,  ///< GenuineIntel
    amd,    ///< AuthenticAMD
};

/// Reads the family from the processor (CPUID through the compiler's builtins).
inline cpu_family detect_cpu_family() noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
    __builtin_cpu_init();  // (needed when called before the runtime's own initializers)
    if (__builtin_cpu_is("intel")) return cpu_family::intel;
    if (__builtin_cpu_is("amd")) return cpu_family::amd;
#endif
    return cpu_family::other;
}

/// The family of the processor this program runs on (detected on the first call).
inline cpu_family this_cpu() noexcept {
    static const cpu_family family = detect_cpu_family();
    return family;
}

}  // namespace tmath::detail
