// A program that uses an installed (or vendored) tmath the way a user would: the seed
// case from the README, checked against known values. Exit status 0 means correct.
#include <tmath/tmath.hpp>

#include <cstdio>
#include <string>

int main() {
    tmath::tensor<float> A = {{1, 2}, {3, 4}};
    tmath::tensor<float> B = {{5, 6}, {7, 8}};
    tmath::tensor<float> H = A * B;                 // Hadamard: {{5,12},{21,32}}
    tmath::tensor<float> M = tmath::matmul(A, B);   // {{19,22},{43,50}}
    const float d = tmath::dot(tmath::tensor<float>{1, 2, 3}, tmath::tensor<float>{4, 5, 6});  // 32

    bool ok = H(0, 0) == 5 && H(0, 1) == 12 && H(1, 0) == 21 && H(1, 1) == 32;
    ok = ok && M(0, 0) == 19 && M(0, 1) == 22 && M(1, 0) == 43 && M(1, 1) == 50 && d == 32;

    const std::string version = std::to_string(TMATH_VERSION_MAJOR) + "." +
                                std::to_string(TMATH_VERSION_MINOR) + "." +
                                std::to_string(TMATH_VERSION_PATCH);
#ifdef TMATH_PACKAGE_VERSION
    // The build system's idea of the version (find_package, pkg-config) must be the header's.
    if (version != TMATH_PACKAGE_VERSION) {
        std::printf("version.hpp says %s, the package says %s\n", version.c_str(), TMATH_PACKAGE_VERSION);
        ok = false;
    }
#endif
    std::printf("tmath %s: H(1,1) = %g, M(1,1) = %g, dot = %g: %s\n", version.c_str(),
                static_cast<double>(H(1, 1)), static_cast<double>(M(1, 1)), static_cast<double>(d),
                ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}
