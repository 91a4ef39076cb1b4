// Scaled dot-product attention with a causal mask, as in the seed applications:
// scores = Q @ swapaxes(K, -1, -2) / sqrt(d_k), masked above the diagonal,
// weights = softmax(scores, -1), out = weights @ V. Q, K, V have shape (2, 4, 3).
// Checks that every row of the weights sums to 1 and that no position attends to a
// later one; exits non-zero otherwise.
#include <tmath/tmath.hpp>

#include <cmath>
#include <iostream>
#include <limits>

int main() {
    const std::size_t batch = 2, seq = 4, dk = 3;
    auto q = tmath::empty<float>({batch, seq, dk});
    auto k = tmath::empty<float>({batch, seq, dk});
    auto v = tmath::empty<float>({batch, seq, dk});
    for (std::size_t n = 0; n < q.size(); ++n) {
        q.data()[n] = std::sin(0.7f * static_cast<float>(n));
        k.data()[n] = std::cos(0.3f * static_cast<float>(n));
        v.data()[n] = static_cast<float>(n % 5);
    }

    // Causal mask: position i may attend to positions j <= i.
    auto causal = tmath::empty<bool>({seq, seq});
    for (std::size_t i = 0; i < seq; ++i)
        for (std::size_t j = 0; j < seq; ++j) causal(i, j) = j <= i;

    const float inf = std::numeric_limits<float>::infinity();
    tmath::tensor<float> scores = tmath::matmul(q, tmath::swapaxes(k, -1, -2)) / std::sqrt(static_cast<float>(dk));
    scores = tmath::where(causal, scores, -inf);  // the (4,4) mask broadcasts over the batch
    tmath::tensor<float> weights = tmath::softmax(scores, -1);
    tmath::tensor<float> out = tmath::matmul(weights, v);

    std::cout << "weights " << weights.shape() << ":\n" << tmath::precision(3) << weights << '\n';
    std::cout << "out " << out.shape() << ":\n" << tmath::precision(3) << out << '\n';

    const tmath::tensor<float> row_sums = tmath::sum(weights, -1);
    bool ok = weights.shape() == std::vector<std::size_t>{batch, seq, seq} &&
              out.shape() == std::vector<std::size_t>{batch, seq, dk};
    for (float s : row_sums) ok = ok && std::fabs(s - 1.0f) <= 1e-6f;
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t i = 0; i < seq; ++i)
            for (std::size_t j = i + 1; j < seq; ++j) ok = ok && weights(b, i, j) == 0.0f;
    std::cout << "row sums " << row_sums << '\n'
              << (ok ? "every row sums to 1 and no position attends to a later one\n" : "CHECK FAILED\n");
    return ok ? 0 : 1;
}
