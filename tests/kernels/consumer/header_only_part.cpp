// The one translation unit of kernels_app compiled without TMATH_KERNELS
// (-UTMATH_KERNELS): a program may mix header-only TUs with TUs that use tmath::kernels.
// Their inline functions differ (GEMM, dot and sum call the component in the latter),
// so the two kinds live in different inline namespaces (tmath::v1 and
// tmath::v1_kernels): if they shared one, the linker would keep one body for both and
// one of the reports below would be wrong.
#include <tmath/tmath.hpp>

#include <cstddef>

/// Whether kernels_info() says, in this TU, that the header-only kernels run. Called
/// through a volatile pointer, so that the call goes to the out-of-line copy the linker
/// keeps (an inlined call would hide a shared name).
bool header_only_part_reports_header_only() {
    tmath::kernels_report (*volatile info)() = &tmath::kernels_info;
    return !info().compiled;
}

/// matmul(a, b) of m x k and k x n row-major floats through the header-only GEMM, into c.
void header_only_part_matmul(const float* a, const float* b, float* c, std::size_t m, std::size_t n, std::size_t k) {
    tmath::tensor<float> ta = tmath::empty<float>({m, k}), tb = tmath::empty<float>({k, n});
    for (std::size_t i = 0; i < m * k; ++i) ta.data()[i] = a[i];
    for (std::size_t i = 0; i < k * n; ++i) tb.data()[i] = b[i];
    const tmath::tensor<float> tc = tmath::matmul(ta, tb);
    for (std::size_t i = 0; i < m * n; ++i) c[i] = tc.data()[i];
}
