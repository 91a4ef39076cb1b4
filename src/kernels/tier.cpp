/// @file tier.cpp
/// One tier of the compiled component `tmath::kernels`: the header-only kernels
/// instantiated for the instruction set this file is compiled for, behind the entry
/// table of kernels/table.hpp. CMake compiles it once per tier, with that tier's flags
/// and `-DTMATH_KERNELS_TIER=<tier> -DTMATH_ABI_NAMESPACE=kernels_<tier>`, so that every
/// tmath symbol it emits has a name of that tier's own (config.hpp): none can stand in
/// for the copy of user code or of another tier. The kernels read the tuning record of
/// this processor's family for this tier's instruction set (arch::this_processor()).

#include <cstddef>

#include "tmath/arch/processor.hpp"
#include "tmath/kernels/table.hpp"
#include "tmath/linalg/dot/contiguous.hpp"
#include "tmath/linalg/gemm/gemm.hpp"
#include "tmath/reduce/contiguous_axis.hpp"
#include "tmath/reduce/ops.hpp"

#if !defined(TMATH_KERNELS_TIER)
#error "tier.cpp: compile with -DTMATH_KERNELS_TIER=<sse2|avx2|avx512|neon|generic>"
#endif
#if defined(TMATH_KERNELS)
#error "tier.cpp instantiates the header kernels: TMATH_KERNELS must not be defined here"
#endif

#define TMATH_KERNELS_STRING2(x) #x
#define TMATH_KERNELS_STRING(x) TMATH_KERNELS_STRING2(x)
#define TMATH_KERNELS_CONCAT2(a, b) a##b
#define TMATH_KERNELS_CONCAT(a, b) TMATH_KERNELS_CONCAT2(a, b)

namespace {

namespace tm = tmath::TMATH_ABI_NAMESPACE;

template <class T>
void gemm_entry(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, std::ptrdiff_t a_rs,
                std::ptrdiff_t a_cs, const T* b, std::ptrdiff_t b_rs, std::ptrdiff_t b_cs, T beta, T* c,
                std::ptrdiff_t c_rs, std::ptrdiff_t c_cs) {
    tm::detail::gemm_strided<T>(m, n, k, alpha, a, a_rs, a_cs, b, b_rs, b_cs, beta, c, c_rs, c_cs,
                                tm::arch::this_processor());
}

template <class T>
T dot_entry(const T* a, const T* b, std::size_t n) noexcept {
    return tm::detail::dot_contiguous<T>(static_cast<std::ptrdiff_t>(n), a, b, tm::arch::this_processor());
}

/// The sum of the contiguous-axis reduction over one run (reduce_contiguous_axis with
/// a single reduced dimension).
template <class T>
T sum_entry(const T* p, std::size_t n) noexcept {
    tm::detail::run_accumulator<tm::detail::sum_op, T, T> acc;
    acc.add_run(p, n, tm::arch::this_processor());
    return acc.result();
}

}  // namespace

namespace tmath_kernels_abi {

const table TMATH_KERNELS_CONCAT(TMATH_KERNELS_TIER, _table) = {
    &gemm_entry<float>, &gemm_entry<double>, &dot_entry<float>, &dot_entry<double>,
    &sum_entry<float>,  &sum_entry<double>,  TMATH_KERNELS_STRING(TMATH_KERNELS_TIER),
};

}  // namespace tmath_kernels_abi
