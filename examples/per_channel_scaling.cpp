// Batch-normalization style per-channel scaling, (N,C,H,W) * (1,C,1,1) + (1,C,1,1),
// and a dropout mask x * mask / keep_prob: broadcasting with no copies of the small operands.
#include <tmath/tmath.hpp>

#include <cmath>
#include <iostream>

int main() {
    const std::size_t n = 2, c = 3, h = 4, w = 5;
    auto x = tmath::empty<float>({n, c, h, w});
    float v = 0;
    for (auto& e : x) e = v++;

    tmath::tensor<float> scale = tmath::empty<float>({1, c, 1, 1});
    tmath::tensor<float> shift = tmath::empty<float>({1, c, 1, 1});
    for (std::size_t k = 0; k < c; ++k) {
        scale(0, k, 0, 0) = 1.0f + static_cast<float>(k);
        shift(0, k, 0, 0) = -10.0f * static_cast<float>(k);
    }
    tmath::tensor<float> y = x * scale + shift;

    int errors = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < c; ++k)
            for (std::size_t r = 0; r < h; ++r)
                for (std::size_t s = 0; s < w; ++s)
                    if (y(i, k, r, s) != x(i, k, r, s) * scale(0, k, 0, 0) + shift(0, k, 0, 0)) ++errors;
    std::cout << "per-channel scaling: shape (2,3,4,5) * (1,3,1,1); channel 1 of sample 0, row 0:\n  "
              << y(0, 1, 0, 0) << ' ' << y(0, 1, 0, 1) << ' ' << y(0, 1, 0, 2) << " ...\n";

    // Dropout: keep where the mask is 1, rescale by 1/keep_prob so the expectation is unchanged.
    const float keep_prob = 0.5f;
    tmath::tensor<float> activations = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    tmath::tensor<float> mask = {{1, 0, 1, 0}, {0, 1, 1, 0}};
    tmath::tensor<float> dropped = activations * mask / keep_prob;
    std::cout << "dropout (keep_prob 0.5):\n" << dropped << '\n';
    const float expect[] = {2, 0, 6, 0, 0, 12, 14, 0};
    for (std::size_t i = 0; i < 8; ++i)
        if (dropped.data()[i] != expect[i]) ++errors;

    std::cout << (errors == 0 ? "all values match\n" : "MISMATCH\n");
    return errors == 0 ? 0 : 1;
}
