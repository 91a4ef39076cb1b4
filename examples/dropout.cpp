// Inverted dropout as a NumPy user writes it: a keep-mask from random::bernoulli(1 - p),
// the kept activations scaled by 1 / (1 - p) so that the expected value is unchanged.
// On 10^6 activations the mean must be preserved within 1% and the kept fraction must
// be within 1% of 1 - p; the same seed must give the same mask. Exits non-zero otherwise.
#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>

int main() {
    constexpr std::size_t rows = 1000, cols = 1000;
    constexpr float p = 0.1f;  // the drop probability
    tmath::random::generator gen(7);
    const tmath::tensor<float> x = tmath::random::uniform<float>({rows, cols}, 0.5f, 1.5f, gen);

    const tmath::tensor<bool> keep = tmath::random::bernoulli({rows, cols}, 1.0f - p, gen);
    const tmath::tensor<float> y = tmath::where(keep, x / (1.0f - p), 0.0f);  // one fused pass

    const double kept = static_cast<double>(tmath::count_nonzero(keep)) / static_cast<double>(keep.size());
    const double mean_x = tmath::mean(x), mean_y = tmath::mean(y);
    std::cout << "kept " << kept * 100 << "% (expected " << (1 - p) * 100 << "%), mean " << mean_x << " -> "
              << mean_y << '\n';

    tmath::random::generator again(7);
    (void)tmath::random::uniform<float>({rows, cols}, 0.5f, 1.5f, again);
    const bool same = tmath::array_equal(tmath::random::bernoulli({rows, cols}, 1.0f - p, again), keep);
    const bool ok = std::fabs(kept - (1.0 - p)) <= 0.01 * (1.0 - p) && std::fabs(mean_y - mean_x) <= 0.01 * mean_x && same;
    std::cout << (ok ? "mean preserved; the same seed gives the same mask\n" : "DROPOUT CHECK FAILED\n");
    return ok ? 0 : 1;
}
