// Cosine similarity a.b / (|a| |b|) with dot, for single vectors and, batched, for every
// pair of rows of two matrices (a matmul against a transposed view, no copy).
// Checked against a plain loop; exits non-zero on a mismatch.
#include <tmath/tmath.hpp>

#include <cmath>
#include <iostream>

int main() {
    tmath::tensor<float> a = {1, 2, 3};
    tmath::tensor<float> b = {4, 5, 6};
    const float cos_ab = tmath::dot(a, b) / (std::sqrt(tmath::dot(a, a)) * std::sqrt(tmath::dot(b, b)));
    std::cout << "cos(a, b) = " << cos_ab << '\n';

    // Rows of x against rows of y: normalize the rows, then one matmul.
    tmath::tensor<float> x = {{1, 0, 0}, {1, 1, 0}, {1, 2, 3}};
    tmath::tensor<float> y = {{0, 1, 0}, {4, 5, 6}};
    tmath::tensor<float> xn = x / tmath::sqrt(tmath::sum(x * x, -1, true));
    tmath::tensor<float> yn = y / tmath::sqrt(tmath::sum(y * y, -1, true));
    tmath::tensor<float> sim = tmath::matmul(xn, tmath::transpose(yn));
    std::cout << "pairwise " << sim.shape() << ":\n" << tmath::precision(4) << sim << '\n';

    bool ok = std::fabs(cos_ab - 32.0f / std::sqrt(14.0f * 77.0f)) < 1e-6f;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 2; ++j) {
            float d = 0, nx = 0, ny = 0;
            for (std::size_t t = 0; t < 3; ++t) {
                d += x(i, t) * y(j, t);
                nx += x(i, t) * x(i, t);
                ny += y(j, t) * y(j, t);
            }
            ok = ok && std::fabs(sim(i, j) - d / std::sqrt(nx * ny)) < 1e-5f;
        }
    std::cout << (ok ? "matches the plain loop\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}
