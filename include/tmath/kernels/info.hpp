#pragma once
/// @file info.hpp
/// `kernels_info()`: which kernels this program runs, the compiled component's tier
/// chosen at run time (CMake target `tmath::kernels`, TMATH_KERNELS) or the header-only
/// build's compile-time instruction set.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "tmath/config.hpp"
#include "tmath/kernels/table.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// What `kernels_info()` reports.
struct kernels_report {
    /// The tier that runs: "sse2", "avx2", "avx512", "neon" or "generic" with the
    /// compiled component; "header-only (<xsimd architecture>)" without it.
    std::string tier;
    /// The best tier this processor supports (the component's choice before the cap of
    /// TMATH_ARCH); header-only: the same as `tier`.
    std::string supported;
    /// True when the compiled component is linked (TMATH_KERNELS).
    bool compiled = false;
};

namespace detail {
/// "header-only (<xsimd architecture>)", spelled at compile time. (Built at run time by
/// string concatenation, GCC 12 reports a false -Warray-bounds in the inlined
/// std::string code where this header is precompiled.)
inline constexpr std::string_view header_only_arch = simd::arch_name;
inline constexpr std::string_view header_only_prefix = "header-only (";
inline constexpr auto header_only_label = [] {
    std::array<char, header_only_prefix.size() + header_only_arch.size() + 1> label{};
    std::size_t k = 0;
    for (char c : header_only_prefix) label[k++] = c;
    for (char c : header_only_arch) label[k++] = c;
    label[k] = ')';
    return label;
}();
}  // namespace detail

/// Which kernels run in this program (with the component: decided on the first call,
/// as by the first kernel call).
inline kernels_report kernels_info() {
#if defined(TMATH_KERNELS)
    return {tmath_kernels_abi::active().tier, tmath_kernels_abi::best_table().tier, true};
#else
    const std::string name(detail::header_only_label.data(), detail::header_only_label.size());
    return {name, name, false};
#endif
}

}  // namespace tmath
