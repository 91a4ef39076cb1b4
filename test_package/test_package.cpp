// The seed case, checked: exit status 0 only when tmath from the package computes it right.
#include <tmath/tmath.hpp>

#include <iostream>

int main() {
    tmath::tensor<float> A = {{1, 2}, {3, 4}};
    tmath::tensor<float> B = {{5, 6}, {7, 8}};
    tmath::tensor<float> H = A * B;
    tmath::tensor<float> M = tmath::matmul(A, B);
    const bool ok = tmath::allclose(H, tmath::tensor<float>{{5, 12}, {21, 32}}) &&
                    tmath::allclose(M, tmath::tensor<float>{{19, 22}, {43, 50}});
    std::cout << "tmath " << TMATH_VERSION_MAJOR << '.' << TMATH_VERSION_MINOR << '.'
              << TMATH_VERSION_PATCH;
#ifdef XSIMD_VERSION_MAJOR
    std::cout << " on xsimd " << XSIMD_VERSION_MAJOR << '.' << XSIMD_VERSION_MINOR << '.' << XSIMD_VERSION_PATCH;
#endif
    std::cout << ": " << H << ' ' << M << (ok ? " ok" : " WRONG") << '\n';
    return ok ? 0 : 1;
}
