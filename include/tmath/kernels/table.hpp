#pragma once
/// @file table.hpp
/// The boundary of the compiled component `tmath::kernels` (CMake option
/// TMATH_BUILD_KERNELS): one table of entry points per instruction-set tier, each filled
/// by a translation unit compiled with that tier's flags (src/kernels/tier.cpp), and the
/// table chosen for this process (src/kernels/dispatch.cpp). It lives outside tmath's
/// inline namespace, in a namespace of its own with a fixed layout, so that user code
/// (namespace tmath::v1) and every tier (tmath::kernels_<tier>) reach the same entries;
/// only raw pointers, sizes, strides and scalars cross it, never a tmath class type.
/// Header-only builds include it too but never call it (it only declares).

#include <cstddef>

namespace tmath_kernels_abi {

/// The element-wise math functions the component runs over contiguous float and
/// double arrays (table::smath, table::dmath); the values are part of the boundary.
/// Not sin, cos and tan: their kernels reduce large arguments (and, without FMA,
/// compute) with xsimd's scalar code, inline functions outside any tier's namespace
/// that a tier must not compile with its own instructions (the linker could keep that
/// copy for code built for a lower instruction set; tests/kernels/check_tier_symbols).
enum math_function : unsigned {
    math_exp = 0,
    math_log = 1,
    math_tanh = 2,
    math_sigmoid = 3,
    math_log1p = 4,
    math_expm1 = 5,
    math_log2 = 6,
    math_log10 = 7,
    math_exp2 = 8,
    math_erf = 9,
};

/// Entry points of one tier. Strides are in elements. New kernels are added as new
/// members at the end.
struct table {
    /// C = alpha·A·B + beta·C: A m × k, B k × n, C m × n at (pointer, row stride, column
    /// stride); beta == 0 does not read C (tmath::detail::gemm_strided).
    void (*sgemm)(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::ptrdiff_t a_rs,
                  std::ptrdiff_t a_cs, const float* b, std::ptrdiff_t b_rs, std::ptrdiff_t b_cs, float beta, float* c,
                  std::ptrdiff_t c_rs, std::ptrdiff_t c_cs);
    /// sgemm on doubles.
    void (*dgemm)(std::size_t m, std::size_t n, std::size_t k, double alpha, const double* a, std::ptrdiff_t a_rs,
                  std::ptrdiff_t a_cs, const double* b, std::ptrdiff_t b_rs, std::ptrdiff_t b_cs, double beta,
                  double* c, std::ptrdiff_t c_rs, std::ptrdiff_t c_cs);
    /// Σ a[i]·b[i] over two contiguous arrays of n elements (tmath::detail::dot_contiguous).
    float (*sdot)(const float* a, const float* b, std::size_t n);
    /// sdot on doubles.
    double (*ddot)(const double* a, const double* b, std::size_t n);
    /// Σ p[i] over a contiguous array of n elements, in the order of tmath's
    /// contiguous-axis reduction.
    float (*ssum)(const float* p, std::size_t n);
    /// ssum on doubles.
    double (*dsum)(const double* p, std::size_t n);
    /// The tier's name: "sse2", "avx2", "avx512", "neon" or "generic".
    const char* tier;
    /// y[i] = f(x[i]) for i < n (n ≥ 1) with tmath's SIMD kernel of `f` (a math_function);
    /// y may be x itself, or apart from it.
    void (*smath)(unsigned f, const float* x, float* y, std::size_t n);
    /// smath on doubles.
    void (*dmath)(unsigned f, const double* x, double* y, std::size_t n);
    /// softmax (log_softmax when `log`) of `outer` row-major blocks of n x `inner`
    /// elements along their n rows (tmath::detail::softmax_blocks); m and s: scratch of
    /// 2048 bytes each when inner > 1. p may be y.
    void (*ssoftmax)(bool log, const float* p, float* y, std::size_t outer, std::size_t n, std::size_t inner,
                     float* m, float* s);
    /// ssoftmax on doubles.
    void (*dsoftmax)(bool log, const double* p, double* y, std::size_t outer, std::size_t n, std::size_t inner,
                     double* m, double* s);
};

/// The tables of the tiers; each exists only where the component compiles that tier
/// (x86-64: sse2, avx2, avx512; AArch64: neon; any other processor: generic).
extern const table sse2_table;
extern const table avx2_table;
extern const table avx512_table;
extern const table neon_table;
extern const table generic_table;

/// The best tier this processor (and its operating system) supports, detected once.
const table& best_table() noexcept;

/// The tier that runs: the best one supported, capped by the environment variable
/// TMATH_ARCH (sse2, avx2, avx512, neon or generic) when it names a lower one. Chosen on
/// the first call, once per process; an unknown TMATH_ARCH value is reported on stderr
/// then and ignored.
const table& chosen_table() noexcept;

/// `chosen_table()`, remembered in the caller's binary: after the first call, one
/// predictable branch before the indirect call. (Only declared in the tiers' own
/// translation units, which never call it: an inline function outside the tier's
/// namespace, compiled with the tier's instructions, could be the copy the linker keeps
/// for everyone.)
inline const table& active() noexcept;
#if !defined(TMATH_KERNELS_TIER)
inline const table& active() noexcept {
    static const table& t = chosen_table();
    return t;
}
#endif

}  // namespace tmath_kernels_abi
