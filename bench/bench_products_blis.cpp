/// @file bench_products_blis.cpp
/// BLIS peer of bench_products, in its own translation unit: blis.h declares the CBLAS
/// interface too, which clashes with OpenBLAS's cblas.h. Only BLIS's own typed API
/// (`bli_?gemm`, `bli_?gemv`, general strides) is called, so the CBLAS symbols that both
/// libraries export resolve to OpenBLAS (linked first) without affecting these calls.
#include <blis.h>

#include <cstddef>

namespace tmath_bench {

/// BLIS on one thread from here on.
void blis_single_thread() { bli_thread_set_num_threads(1); }

/// C(m×n) = A·B with element strides (rows, columns) for every operand.
void blis_gemm(std::size_t m, std::size_t n, std::size_t k, const float* a, std::ptrdiff_t rsa, std::ptrdiff_t csa,
               const float* b, std::ptrdiff_t rsb, std::ptrdiff_t csb, float* c, std::ptrdiff_t rsc, std::ptrdiff_t csc) {
    float one = 1.0f, zero = 0.0f;
    bli_sgemm(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, static_cast<dim_t>(m), static_cast<dim_t>(n), static_cast<dim_t>(k),
              &one, const_cast<float*>(a), rsa, csa, const_cast<float*>(b), rsb, csb, &zero, c, rsc, csc);
}

/// Double-precision `blis_gemm`.
void blis_gemm(std::size_t m, std::size_t n, std::size_t k, const double* a, std::ptrdiff_t rsa, std::ptrdiff_t csa,
               const double* b, std::ptrdiff_t rsb, std::ptrdiff_t csb, double* c, std::ptrdiff_t rsc,
               std::ptrdiff_t csc) {
    double one = 1.0, zero = 0.0;
    bli_dgemm(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, static_cast<dim_t>(m), static_cast<dim_t>(n), static_cast<dim_t>(k),
              &one, const_cast<double*>(a), rsa, csa, const_cast<double*>(b), rsb, csb, &zero, c, rsc, csc);
}

/// y(m) = A(m×n)·x with A's element strides.
void blis_gemv(std::size_t m, std::size_t n, const float* a, std::ptrdiff_t rsa, std::ptrdiff_t csa, const float* x,
               float* y) {
    float one = 1.0f, zero = 0.0f;
    bli_sgemv(BLIS_NO_TRANSPOSE, BLIS_NO_CONJUGATE, static_cast<dim_t>(m), static_cast<dim_t>(n), &one,
              const_cast<float*>(a), rsa, csa, const_cast<float*>(x), 1, &zero, y, 1);
}

/// x·y over n floats (unit strides).
float blis_dot(std::size_t n, const float* x, const float* y) {
    float rho = 0.0f;
    bli_sdotv(BLIS_NO_CONJUGATE, BLIS_NO_CONJUGATE, static_cast<dim_t>(n), const_cast<float*>(x), 1,
              const_cast<float*>(y), 1, &rho);
    return rho;
}

}  // namespace tmath_bench
