// Replays the comparison, where and unary-function cases (negation, abs, exp, log, sqrt,
// tanh, sigmoid) over operands that may be strided, transposed or swapped views.
#include "elementwise_replay.hpp"

#include <string>

namespace npdiff {

using namespace elementwise;

namespace {

outcome where(const test_case& c) {
    if (c.operands[1].type != c.operands[2].type) return failure("mixed dtypes not replayed for where");
    return dispatch<float, i64>(c.operands[1].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<bool> base_c;
        tmath::tensor<T> base_a, base_b;
        const auto cond = make_view(c.operands[0], base_c);
        const auto a = make_view(c.operands[1], base_a);
        const auto b = make_view(c.operands[2], base_b);
        return from_tensor(tmath::where(cond, a, b));
    });
}

}  // namespace

// A few dtypes per operation (see replay_arithmetic.cpp); gen_cases.py's COMPARE, WHERE
// and UNARY tables must match.
outcome replay_functions(const test_case& c) {
    return capture([&] {
        const std::string& op = c.op;
        if (op == "lt") return same_type<float>(c, [](const auto& a, const auto& b) { return a < b; });
        if (op == "le") return same_type<i64>(c, [](const auto& a, const auto& b) { return a <= b; });
        if (op == "gt") return same_type<double>(c, [](const auto& a, const auto& b) { return a > b; });
        if (op == "ge") return same_type<i32>(c, [](const auto& a, const auto& b) { return a >= b; });
        if (op == "eq") return same_type<double, i32>(c, [](const auto& a, const auto& b) { return a == b; });
        if (op == "ne") return same_type<float>(c, [](const auto& a, const auto& b) { return a != b; });
        if (op == "where") return where(c);
        if (op == "neg") return unary<double, i8, u64>(c, [](const auto& a) { return -a; });
        if (op == "abs") return unary<float, i16>(c, [](const auto& a) { return tmath::abs(a); });
        if (op == "exp") return unary<float>(c, [](const auto& a) { return tmath::exp(a); });
        if (op == "log") return unary<double>(c, [](const auto& a) { return tmath::log(a); });
        if (op == "sqrt") return unary<i32>(c, [](const auto& a) { return tmath::sqrt(a); });
        if (op == "tanh") return unary<float>(c, [](const auto& a) { return tmath::tanh(a); });
        if (op == "sigmoid") return unary<double>(c, [](const auto& a) { return tmath::sigmoid(a); });
        outcome r;
        r.error = "unknown element-wise function " + op;
        return r;
    });
}

}  // namespace npdiff
