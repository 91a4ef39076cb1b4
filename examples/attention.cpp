// Two-head scaled dot-product attention with a causal and a padding mask, as in a
// transformer block. x is (B, T, H*D); Q, K and V are its projections, each split into
// heads by reshape to (B, T, H, D), then swapaxes(1, 2) to (B, H, T, D) (views, no copy).
// The masks are built as NumPy users write them:
//   causal  = triu(ones<bool>({T, T}), 1)                  true above the diagonal (future keys)
//   padded  = (B, T): true where a sequence has run out
//   blocked = causal | expand_dims(padded, {1, 2})         (B, 1, T, T), broadcasts over heads
// per head, weights = softmax(where(blocked, -inf, Q K^T / sqrt(D)), -1) and
// out = weights V; the heads are merged back to (B, T, H*D) by swapaxes and reshape.
// Checked against plain loops per batch and head; exits non-zero on a mismatch.
#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>
#include <limits>
#include <vector>

int main() {
    constexpr std::size_t batch = 2, seq = 4, heads = 2, dh = 3, model = heads * dh;
    auto x = tmath::empty<float>({batch, seq, model});
    auto wq = tmath::empty<float>({model, model});
    auto wk = tmath::empty<float>({model, model});
    auto wv = tmath::empty<float>({model, model});
    for (std::size_t n = 0; n < x.size(); ++n) x.data()[n] = std::sin(0.7f * static_cast<float>(n));
    for (std::size_t n = 0; n < wq.size(); ++n) {
        wq.data()[n] = 0.4f * std::cos(0.5f * static_cast<float>(n));
        wk.data()[n] = 0.4f * std::sin(0.9f * static_cast<float>(n) + 1.0f);
        wv.data()[n] = 0.2f * static_cast<float>(n % 5) - 0.4f;
    }

    // Projections, (B, T, H*D) @ (H*D, H*D): the weights broadcast over the batch.
    const tmath::tensor<float> q = tmath::matmul(x, wq);
    const tmath::tensor<float> k = tmath::matmul(x, wk);
    const tmath::tensor<float> v = tmath::matmul(x, wv);
    // The heads as views of the projections: column h*D + d of q is q_h[..., d].
    const auto split_heads = [](const tmath::tensor<float>& t) {
        return tmath::swapaxes(tmath::reshape(t, {batch, seq, heads, dh}), 1, 2);  // (B, H, T, D)
    };
    const auto qh = split_heads(q), kh = split_heads(k), vh = split_heads(v);

    // Causal mask: query i may not attend to keys j > i; padding: the last key of
    // sequence 1 is padding, which no query may attend to. Both broadcast to (B, 1, T, T).
    const tmath::tensor<bool> causal = tmath::triu(tmath::ones<bool>({seq, seq}), 1);
    const tmath::tensor<bool> padded = {{false, false, false, false}, {false, false, false, true}};
    const tmath::tensor<bool> blocked = causal | tmath::expand_dims(padded, {1, 2});
    const float inf = std::numeric_limits<float>::infinity();

    // matmul reads the strided head views in place; batch dims (B, H) loop.
    const tmath::tensor<float> scores =
        tmath::matmul(qh, tmath::swapaxes(kh, -1, -2)) / std::sqrt(static_cast<float>(dh));  // (B, H, T, T)
    const tmath::tensor<float> weights = tmath::softmax(tmath::where(blocked, -inf, scores), -1);
    const tmath::tensor<float> per_head = tmath::matmul(weights, vh);  // (B, H, T, D)

    // Merge the heads: swapaxes gives (B, T, H, D) as a strided view, which no view can
    // flatten to (B, T, H*D) (reshape throws shape_error), so evaluate it first: one copy.
    const auto out = tmath::reshape(tmath::eval(tmath::swapaxes(per_head, 1, 2)), {batch, seq, -1});

    std::cout << "blocked " << blocked.shape() << ", weights[1, 1] (batch 1, head 1):\n" << tmath::precision(3)
              << tmath::view(weights, 1, 1) << '\n';
    std::cout << "out " << out.shape() << ":\n" << tmath::precision(3) << out << '\n';

    // The reference, plain loops on flat row-major arrays: row (b, t) of a projection holds
    // head h in columns h*D .. h*D + D-1, and the merged output uses the same columns.
    const auto at = [](std::size_t b, std::size_t t, std::size_t m) { return (b * seq + t) * model + m; };
    std::vector<float> qr(x.size()), kr(x.size()), vr(x.size());
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t t = 0; t < seq; ++t)
            for (std::size_t m = 0; m < model; ++m)
                for (std::size_t e = 0; e < model; ++e) {
                    qr[at(b, t, m)] += x(b, t, e) * wq(e, m);
                    kr[at(b, t, m)] += x(b, t, e) * wk(e, m);
                    vr[at(b, t, m)] += x(b, t, e) * wv(e, m);
                }
    bool ok = out.shape() == std::vector<std::size_t>{batch, seq, model};
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t h = 0; h < heads; ++h)
            for (std::size_t i = 0; i < seq; ++i) {
                const auto open = [&](std::size_t j) { return !(b == 1 && j == seq - 1); };
                float s[seq], top = -inf, total = 0.0f;  // scores of query i against keys j <= i
                for (std::size_t j = 0; j <= i; ++j) {
                    s[j] = -inf;
                    if (!open(j)) continue;
                    s[j] = 0.0f;
                    for (std::size_t d = 0; d < dh; ++d) s[j] += qr[at(b, i, h * dh + d)] * kr[at(b, j, h * dh + d)];
                    s[j] /= std::sqrt(static_cast<float>(dh));
                    top = std::fmax(top, s[j]);
                }
                for (std::size_t j = 0; j <= i; ++j) {
                    s[j] = open(j) ? std::exp(s[j] - top) : 0.0f;
                    total += s[j];
                }
                for (std::size_t d = 0; d < dh; ++d) {
                    float want = 0.0f;
                    for (std::size_t j = 0; j <= i; ++j) want += s[j] / total * vr[at(b, j, h * dh + d)];
                    ok = ok && std::fabs(out(b, i, h * dh + d) - want) <= 1e-5f * (1.0f + std::fabs(want));
                }
            }
    std::cout << (ok ? "matches the plain-loop attention, head by head\n" : "CHECK FAILED\n");
    return ok ? 0 : 1;
}
