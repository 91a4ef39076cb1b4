// Replays the product cases: matmul (1-D promotion, broadcast batch dimensions,
// mismatched shapes that must throw) and dot, on strided / transposed views.
#include "case_file.hpp"

#include <cstdint>
#include <string>

namespace npdiff {
namespace {

template <class F>
outcome product(const test_case& c, F f) {
    if (c.operands[0].type != c.operands[1].type) return failure("mixed dtypes not replayed for " + c.op);
    return dispatch<float, double, std::int32_t, std::int64_t>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base_a, base_b;
        const auto a = make_view(c.operands[0], base_a);
        const auto b = make_view(c.operands[1], base_b);
        return f(a, b);
    });
}

}  // namespace

outcome replay_products(const test_case& c) {
    return capture([&] {
        if (c.op == "matmul")
            return product(c, [](const auto& a, const auto& b) { return from_tensor(tmath::matmul(a, b)); });
        if (c.op == "dot") return product(c, [](const auto& a, const auto& b) { return from_scalar(tmath::dot(a, b)); });
        outcome r;
        r.error = "unknown product " + c.op;
        return r;
    });
}

}  // namespace npdiff
