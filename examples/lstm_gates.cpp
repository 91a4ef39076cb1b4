// One LSTM cell step for a batch, with the four gates fused into one weight matrix as
// PyTorch and cuDNN store them: W is (4H, D+H), its row blocks those of the input,
// forget, cell and output gates in that order, and the bias is (4H,). One matmul gives
// every gate's pre-activation; split cuts them apart (views of one tensor, no copy):
//   z = concatenate({x, h}, 1) @ W^T + b          (B, 4H)
//   i, f, g, o = split<4>(z, 1)                   (B, H) each
//   c' = sigmoid(f) * c + sigmoid(i) * tanh(g),   h' = sigmoid(o) * tanh(c')
// Checked against plain loops over W's rows: each gate block has its own weights, so a
// gate taken from the wrong block changes the result; exits non-zero on a mismatch.
#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>

int main() {
    constexpr std::size_t batch = 2, in = 3, hidden = 3;
    const tmath::tensor<float> x = {{0.5f, -1.0f, 2.0f}, {0.0f, 1.5f, -0.5f}};  // (B, D)
    tmath::tensor<float> h = {{0.1f, -0.3f, 0.2f}, {0.4f, 0.0f, -0.6f}};        // (B, H)
    tmath::tensor<float> c = {{1.0f, -2.0f, 0.5f}, {0.0f, 3.0f, -1.0f}};        // (B, H)
    const tmath::tensor<float> h0 = h, c0 = c;

    // The fused weights and bias: a different pattern in every row, hence in every gate block.
    auto w = tmath::empty<float>({4 * hidden, in + hidden});
    auto b = tmath::empty<float>({4 * hidden});
    for (std::size_t r = 0; r < 4 * hidden; ++r) {
        b(r) = 0.1f * static_cast<float>(r % 5) - 0.2f;
        for (std::size_t k = 0; k < in + hidden; ++k)
            w(r, k) = 0.5f * std::sin(1.3f * static_cast<float>(r) + 0.7f * static_cast<float>(k));
    }

    // All four gates in one product: the rows of [x h] times W^T (read transposed in place);
    // the bias broadcasts over the batch and fuses with the product's result.
    const tmath::tensor<float> z = tmath::matmul(tmath::concatenate({x, h}, 1), tmath::transpose(w)) + b;
    const auto [i, f, g, o] = tmath::split<4>(z, 1);  // four (B, H) views of z, in W's block order

    c = tmath::sigmoid(f) * c + tmath::sigmoid(i) * tmath::tanh(g);  // in place, one pass
    h = tmath::sigmoid(o) * tmath::tanh(c);
    std::cout << "gates " << z.shape() << " split into 4 x " << i.shape() << '\n';
    std::cout << "c' =\n" << tmath::precision(4) << c << "\nh' =\n" << h << '\n';

    // The reference: gate q of hidden unit j is row q*H + j of W, dotted with [x h].
    const auto sig = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
    for (std::size_t n = 0; n < batch; ++n) {
        for (std::size_t j = 0; j < hidden; ++j) {
            float pre[4];  // i, f, g, o
            for (std::size_t q = 0; q < 4; ++q) {
                const std::size_t r = q * hidden + j;
                float s = b(r);
                for (std::size_t k = 0; k < in; ++k) s += w(r, k) * x(n, k);
                for (std::size_t k = 0; k < hidden; ++k) s += w(r, in + k) * h0(n, k);
                pre[q] = s;
            }
            const float cr = sig(pre[1]) * c0(n, j) + sig(pre[0]) * std::tanh(pre[2]);
            const float hr = sig(pre[3]) * std::tanh(cr);
            if (std::fabs(c(n, j) - cr) > 1e-5f * (1.0f + std::fabs(cr)) ||
                std::fabs(h(n, j) - hr) > 1e-5f * (1.0f + std::fabs(hr))) {
                std::cout << "MISMATCH at (" << n << ", " << j << "): c' " << c(n, j) << " vs " << cr << ", h' "
                          << h(n, j) << " vs " << hr << '\n';
                return 1;
            }
        }
    }
    std::cout << "matches the plain-loop LSTM step\n";
    return 0;
}
