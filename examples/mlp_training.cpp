// A small multilayer perceptron trained end to end, as a NumPy user would write it:
// three Gaussian blobs in 2-D (random::normal), a 2-64-3 network with a ReLU,
// softmax cross-entropy through log_softmax and take_along_axis, the backward pass as
// matmuls of transposed views, plain SGD. It prints the loss as it falls and the
// training accuracy from argmax; exits non-zero unless the accuracy reaches 95% and the
// analytic gradient of one weight agrees with a finite difference.
#include <tmath/tmath.hpp>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iostream>

namespace {

constexpr std::size_t classes = 3, features = 2, hidden = 64, per_class = 200, samples = classes * per_class;

/// The network's parameters.
struct mlp {
    tmath::tensor<float> w1, b1, w2, b2;
};

/// Mean cross-entropy of softmax(logits) against the labels.
float loss_of(const tmath::tensor<float>& logits, const tmath::tensor<std::int64_t>& labels) {
    const tmath::tensor<float> logp = tmath::log_softmax(logits, -1);
    const auto picked = tmath::take_along_axis(logp, tmath::expand_dims(labels, -1), -1);  // (N, 1)
    return -tmath::mean(picked);
}

/// Logits of x through the network; also returns the hidden activations.
tmath::tensor<float> forward(const mlp& net, const tmath::tensor<float>& x, tmath::tensor<float>& h) {
    h = tmath::maximum(tmath::matmul(x, net.w1) + net.b1, 0.0f);  // ReLU, fused with the bias
    return tmath::matmul(h, net.w2) + net.b2;
}

}  // namespace

int main() {
    const auto start = std::chrono::steady_clock::now();
    tmath::random::generator gen(2026);

    // The data: class c is a blob of stddev 0.6 around 1.6 (cos(2 pi c / 3), sin(2 pi c / 3)): they overlap a little.
    tmath::tensor<float> x = tmath::random::normal<float>({samples, features}, 0.0f, 0.6f, gen);
    auto labels = tmath::empty<std::int64_t>({samples});
    for (std::size_t n = 0; n < samples; ++n) {
        const std::size_t c = n / per_class;
        const double angle = 2.0 * 3.14159265358979 * static_cast<double>(c) / classes;
        labels(n) = static_cast<std::int64_t>(c);
        x(n, 0) += static_cast<float>(1.6 * std::cos(angle));
        x(n, 1) += static_cast<float>(1.6 * std::sin(angle));
    }
    const tmath::tensor<float> onehot = tmath::take(tmath::eye<float>(classes), labels, 0);  // (N, 3)

    // He initialization.
    mlp net{tmath::random::normal<float>({features, hidden}, 0.0f, std::sqrt(2.0f / features), gen),
            tmath::zeros<float>({hidden}),
            tmath::random::normal<float>({hidden, classes}, 0.0f, std::sqrt(2.0f / hidden), gen),
            tmath::zeros<float>({classes})};

    const float lr = 0.5f;
    tmath::tensor<float> h;
    float first = 0.0f, last = 0.0f;
    bool gradient_ok = true;
    for (int step = 0; step <= 200; ++step) {
        const tmath::tensor<float> logits = forward(net, x, h);
        last = loss_of(logits, labels);
        if (step == 0) first = last;
        if (step % 40 == 0) std::cout << "step " << step << ": loss " << last << '\n';

        // Backward: d loss / d logits = (softmax - onehot) / N.
        const tmath::tensor<float> dlogits = (tmath::softmax(logits, -1) - onehot) / static_cast<float>(samples);
        const tmath::tensor<float> dw2 = tmath::matmul(tmath::transpose(h), dlogits);
        const tmath::tensor<float> db2 = tmath::sum(dlogits, 0);
        const tmath::tensor<float> dh = tmath::where(h > 0.0f, tmath::matmul(dlogits, tmath::transpose(net.w2)), 0.0f);
        const tmath::tensor<float> dw1 = tmath::matmul(tmath::transpose(x), dh);
        const tmath::tensor<float> db1 = tmath::sum(dh, 0);

        if (step == 0) {  // the analytic gradient of w1[0, 0] against a central difference
            const float eps = 1e-2f, w = net.w1(0, 0);
            tmath::tensor<float> hh;
            net.w1(0, 0) = w + eps;
            const float up = loss_of(forward(net, x, hh), labels);
            net.w1(0, 0) = w - eps;
            const float down = loss_of(forward(net, x, hh), labels);
            net.w1(0, 0) = w;
            const float numeric = (up - down) / (2 * eps);
            gradient_ok = std::fabs(numeric - dw1(0, 0)) <= 1e-3f + 0.05f * std::fabs(numeric);
            std::cout << "d loss / d w1[0, 0]: analytic " << dw1(0, 0) << ", finite difference " << numeric << '\n';
        }
        net.w1 -= lr * dw1;
        net.b1 -= lr * db1;
        net.w2 -= lr * dw2;
        net.b2 -= lr * db2;
    }
    const tmath::tensor<std::int64_t> predicted = tmath::argmax(forward(net, x, h), -1);
    const double accuracy = tmath::mean(predicted == labels);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "training accuracy " << accuracy * 100 << "% after 200 steps (loss " << first << " -> " << last
              << ", " << seconds << " s)\n";
    const bool ok = accuracy >= 0.95 && last < 0.5f * first && gradient_ok;
    std::cout << (ok ? "trained\n" : "TRAINING FAILED\n");
    return ok ? 0 : 1;
}
