// One LSTM cell step: gates from pre-activations (sigmoid, tanh), then
// c' = f * c + i * g and h' = o * tanh(c'), each line one fused loop.
// Checked against a plain scalar computation; exits non-zero on a mismatch.
#include <tmath/tmath.hpp>

#include <cmath>
#include <iostream>

int main() {
    // Pre-activations of the four gates for a batch of 2 and 3 hidden units.
    tmath::tensor<float> zf = {{0.5f, -1.0f, 2.0f}, {0.0f, 1.5f, -0.5f}};
    tmath::tensor<float> zi = {{1.0f, 0.0f, -2.0f}, {2.0f, -1.0f, 0.5f}};
    tmath::tensor<float> zg = {{0.3f, -0.7f, 1.2f}, {-0.1f, 0.9f, -1.5f}};
    tmath::tensor<float> zo = {{-0.5f, 0.5f, 1.0f}, {0.0f, -2.0f, 3.0f}};
    tmath::tensor<float> c = {{1.0f, -2.0f, 0.5f}, {0.0f, 3.0f, -1.0f}};
    const tmath::tensor<float> c0 = c;

    c = tmath::sigmoid(zf) * c + tmath::sigmoid(zi) * tmath::tanh(zg);  // in place, one pass
    tmath::tensor<float> h = tmath::sigmoid(zo) * tmath::tanh(c);
    std::cout << "c' =\n" << tmath::precision(4) << c << "\nh' =\n" << h << '\n';

    const auto sig = [](float x) { return 1.0f / (1.0f + std::exp(-x)); };
    for (std::size_t k = 0; k < 6; ++k) {
        const float cr = sig(zf.data()[k]) * c0.data()[k] + sig(zi.data()[k]) * std::tanh(zg.data()[k]);
        const float hr = sig(zo.data()[k]) * std::tanh(cr);
        if (std::fabs(c.data()[k] - cr) > 1e-5f || std::fabs(h.data()[k] - hr) > 1e-5f) {
            std::cout << "MISMATCH at " << k << '\n';
            return 1;
        }
    }
    std::cout << "matches the scalar computation\n";
    return 0;
}
