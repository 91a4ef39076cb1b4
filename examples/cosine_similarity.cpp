// Cosine similarity a.b / (|a| |b|) as a NumPy user writes it: `vecdot` and `norm` along
// the last axis for row batches (a query row broadcasts against every row of a batch),
// and every pair of rows of two matrices as one matmul of row-normalized matrices, the
// second read transposed in place. Checked against plain loops; exits non-zero on a mismatch.
#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>

int main() {
    const tmath::tensor<float> a = {1, 2, 3};
    const tmath::tensor<float> b = {4, 5, 6};
    const float cos_ab = tmath::dot(a, b) / (tmath::norm(a) * tmath::norm(b));
    std::cout << "cos(a, b) = " << cos_ab << '\n';

    // Row batches: row i of x against row i of y, and the query q against every row of x.
    const tmath::tensor<float> x = {{1, 0, 0}, {1, 1, 0}, {1, 2, 3}};
    const tmath::tensor<float> y = {{0, 1, 0}, {4, 5, 6}, {-1, -2, -3}};
    const tmath::tensor<float> q = {0, 0, 2};
    const tmath::tensor<float> rowwise = tmath::vecdot(x, y) / (tmath::norm(x, -1) * tmath::norm(y, -1));
    const tmath::tensor<float> against_q = tmath::vecdot(x, q) / (tmath::norm(x, -1) * tmath::norm(q));
    std::cout << "row by row " << tmath::precision(4) << rowwise << ", against q " << against_q << '\n';

    // Every pair: normalize the rows (norm with keepdims broadcasts), then one matmul.
    const tmath::tensor<float> xn = x / tmath::norm(x, -1, true);
    const tmath::tensor<float> yn = y / tmath::norm(y, -1, true);
    const tmath::tensor<float> pairs = tmath::matmul(xn, tmath::transpose(yn));
    std::cout << "pairwise " << pairs.shape() << ":\n" << tmath::precision(4) << pairs << '\n';

    const auto cosine = [](const float* u, const float* v) {
        float d = 0, nu = 0, nv = 0;
        for (std::size_t t = 0; t < 3; ++t) {
            d += u[t] * v[t];
            nu += u[t] * u[t];
            nv += v[t] * v[t];
        }
        return d / std::sqrt(nu * nv);
    };
    bool ok = std::fabs(cos_ab - cosine(a.data(), b.data())) < 1e-6f;
    for (std::size_t i = 0; i < 3; ++i) {
        ok = ok && std::fabs(rowwise(i) - cosine(x.data() + 3 * i, y.data() + 3 * i)) < 1e-5f;
        ok = ok && std::fabs(against_q(i) - cosine(x.data() + 3 * i, q.data())) < 1e-5f;
        for (std::size_t j = 0; j < 3; ++j) ok = ok && std::fabs(pairs(i, j) - cosine(x.data() + 3 * i, y.data() + 3 * j)) < 1e-5f;
    }
    std::cout << (ok ? "matches the plain loops\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}
