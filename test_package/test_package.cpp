// The seed case, checked: exit status 0 only when tmath from the package computes it right.
// With TMATH_TEST_KERNELS (a package created with kernels=True) also a product large
// enough for GEMM and a dot, which must run in the compiled component tmath::kernels on
// the tier it chose at run time.
#include <tmath/tmath.hpp>

#include <iostream>

int main() {
    tmath::tensor<float> A = {{1, 2}, {3, 4}};
    tmath::tensor<float> B = {{5, 6}, {7, 8}};
    tmath::tensor<float> H = A * B;
    tmath::tensor<float> M = tmath::matmul(A, B);
    bool ok = tmath::allclose(H, tmath::tensor<float>{{5, 12}, {21, 32}}) &&
              tmath::allclose(M, tmath::tensor<float>{{19, 22}, {43, 50}});
    std::cout << "tmath " << TMATH_VERSION_MAJOR << '.' << TMATH_VERSION_MINOR << '.'
              << TMATH_VERSION_PATCH;
#ifdef XSIMD_VERSION_MAJOR
    std::cout << " on xsimd " << XSIMD_VERSION_MAJOR << '.' << XSIMD_VERSION_MINOR << '.' << XSIMD_VERSION_PATCH;
#endif
    std::cout << ": " << H << ' ' << M << (ok ? " ok" : " WRONG") << '\n';
#ifdef TMATH_TEST_KERNELS
    // Every element of (48 x 96 of 0.5) @ (96 x 40 of 2) is 96, exactly in float.
    const tmath::tensor<float> P = tmath::matmul(tmath::full<float>({48, 96}, 0.5f), tmath::full<float>({96, 40}, 2.0f));
    const double d = tmath::dot(tmath::full<double>({1000}, 0.5), tmath::full<double>({1000}, 3.0));
    const tmath::kernels_report r = tmath::kernels_info();
    const bool kernels_ok = r.compiled && tmath::allclose(P, tmath::full<float>({48, 40}, 96.0f), 0.0, 0.0) &&
                            d == 1500.0;
    std::cout << "tmath::kernels: tier " << r.tier << " (best supported " << r.supported << "), matmul "
              << P.shape() << ", dot " << d << (kernels_ok ? " ok" : " WRONG") << '\n';
    ok = ok && kernels_ok;
#endif
    return ok ? 0 : 1;
}
