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
#include "tmath/eval/assign.hpp"
#include "tmath/expr/exp_log.hpp"
#include "tmath/expr/math.hpp"
#include "tmath/kernels/table.hpp"
#include "tmath/linalg/dot/contiguous.hpp"
#include "tmath/linalg/gemm/gemm.hpp"
#include "tmath/reduce/contiguous_axis.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/reduce/softmax.hpp"

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

/// y[0..n) = F(x[0..n)): the header's flat loop and strategy for `y = f(x)` on T
/// arrays, with this tier's instructions and this processor's thresholds. The
/// expression node is only named (its constructor checks shapes and could throw, with
/// std::string code compiled for this tier); the loop reads its flat evaluator.
template <class F, class T>
void math_run(const T* x, T* y, std::size_t n) {
    using expression = tm::elementwise<F, tm::detail::raw_memory<const T>>;
    const tm::detail::elementwise_evaluator<F, tm::detail::row_leaf<T>> ev{F{}, tm::detail::row_leaf<T>(x, -1)};
    tm::detail::write_flat_evaluator<T, expression>(
        tm::detail::flat_strategy<T, expression>(n, tm::detail::processor_tuning{}), y, n, ev);
}

/// math_run of the functor among F... whose component_function is `f` (none: nothing).
template <class T, class... F>
void math_entry_of(unsigned f, const T* x, T* y, std::size_t n) {
    (void)((F::component_function == f && (math_run<F>(x, y, n), true)) || ...);
}

template <class T>
void math_entry(unsigned f, const T* x, T* y, std::size_t n) {
    math_entry_of<T, tm::fn::exp_fn, tm::fn::log_fn, tm::fn::tanh_fn, tm::fn::sigmoid_fn, tm::fn::log1p_fn,
                  tm::fn::expm1_fn, tm::fn::log2_fn, tm::fn::log10_fn, tm::fn::exp2_fn, tm::fn::erf_fn>(f, x, y, n);
}

template <class T>
void softmax_entry(bool log, const T* p, T* y, std::size_t outer, std::size_t n, std::size_t inner, T* m, T* s) {
    if (log) tm::detail::softmax_blocks<true>(p, y, outer, n, inner, m, s);
    else tm::detail::softmax_blocks<false>(p, y, outer, n, inner, m, s);
}

}  // namespace

namespace tmath_kernels_abi {

const table TMATH_KERNELS_CONCAT(TMATH_KERNELS_TIER, _table) = {
    &gemm_entry<float>, &gemm_entry<double>, &dot_entry<float>, &dot_entry<double>,
    &sum_entry<float>,  &sum_entry<double>,  TMATH_KERNELS_STRING(TMATH_KERNELS_TIER),
    &math_entry<float>, &math_entry<double>, &softmax_entry<float>, &softmax_entry<double>,
};

}  // namespace tmath_kernels_abi
