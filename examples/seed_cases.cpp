// The worked examples tmath was specified from, each printed next to its expected value
// (float tensors print as NumPy prints float arrays: `[ 4. 10. 18.]`).
// Exits non-zero if any result differs.
#include <tmath/tmath.hpp>

#include <iostream>
#include <sstream>
#include <string>

namespace {

int failures = 0;

template <class X>
void report(const std::string& what, const X& result, const std::string& expected) {
    std::ostringstream got;
    got << result;
    const bool ok = got.str() == expected;
    failures += ok ? 0 : 1;
    std::cout << (ok ? "ok   " : "FAIL ") << what << "\n  result:   " << got.str() << "\n  expected: " << expected
              << "\n";
}

}  // namespace

int main() {
    tmath::tensor<float> a = {{1, 2}, {3, 4}};
    tmath::tensor<float> b = {{5, 6}, {7, 8}};
    tmath::tensor<float> hadamard = a * b;
    report("Hadamard, matrices  [[1,2],[3,4]] * [[5,6],[7,8]]", hadamard, "[[ 5. 12.]\n [21. 32.]]");

    tmath::tensor<float> u = {1, 2, 3};
    tmath::tensor<float> v = {4, 5, 6};
    report("Hadamard, vectors   [1,2,3] * [4,5,6]", tmath::eval(u * v), "[ 4. 10. 18.]");

    report("scalar broadcast    2 * [[1,2],[3,4]]", tmath::eval(2.0f * a), "[[2. 4.]\n [6. 8.]]");

    tmath::tensor<float> x = {{1, 2, 3}, {4, 5, 6}};
    report("vector broadcast    [[1,2,3],[4,5,6]] * [10,20,30]", tmath::eval(x * tmath::tensor<float>{10, 20, 30}),
           "[[ 10.  40.  90.]\n [ 40. 100. 180.]]");

    report("dot                 [1,2,3] . [4,5,6]", tmath::dot(u, v), "32");
    report("matmul              [[1,2],[3,4]] x [[5,6],[7,8]]", tmath::eval(tmath::matmul(a, b)),
           "[[19. 22.]\n [43. 50.]]");
    tmath::tensor<float> batch = tmath::matmul(tmath::ones<float>({3, 2, 4}), tmath::ones<float>({3, 4, 5}));
    report("batched matmul      (3,2,4) @ (3,4,5) -> shape", batch.shape(), "(3, 2, 5)");
    std::cout << (failures == 0 ? "all seed cases match\n" : "some seed cases differ\n");
    return failures == 0 ? 0 : 1;
}
