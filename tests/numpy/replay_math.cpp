// Replays the math cases of issue 19 (everyday_math.py writes them): element-wise sin,
// cos, tan, rounding, sign, square, log1p, expm1, log2, log10, exp2, erf, clip,
// remainder, fmod and pow with a tensor exponent, over operands that may be strided,
// transposed or swapped views. The dtypes per operation match everyday_math.py's tables.
#include "elementwise_replay.hpp"

#include <string>

namespace npdiff {

using namespace elementwise;

namespace {

/// clip(x, lo, hi) with tensor bounds, or with scalar bounds (params[0] == 1: the bounds
/// are rank-0 operands whose value is passed as a scalar of x's type).
outcome clip(const test_case& c) {
    if (c.operands[0].type != c.operands[1].type || c.operands[0].type != c.operands[2].type)
        return failure("mixed dtypes not replayed for clip");
    return dispatch<float, double, i32>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> bx, bl, bh;
        const auto x = make_view(c.operands[0], bx);
        const auto lo = make_view(c.operands[1], bl);
        const auto hi = make_view(c.operands[2], bh);
        if (!c.params.empty() && c.params[0] == 1) return from_tensor(tmath::clip(x, *lo.begin(), *hi.begin()));
        return from_tensor(tmath::clip(x, lo, hi));
    });
}

}  // namespace

bool handles_math(const std::string& op) { return op.rfind("em_", 0) == 0; }

outcome replay_math(const test_case& c) {
    return capture([&] {
        const std::string& op = c.op;
        if (op == "em_sin") return unary<float, i32>(c, [](const auto& a) { return tmath::sin(a); });
        if (op == "em_cos") return unary<double, u8>(c, [](const auto& a) { return tmath::cos(a); });
        if (op == "em_tan") return unary<float>(c, [](const auto& a) { return tmath::tan(a); });
        if (op == "em_floor") return unary<float, i64>(c, [](const auto& a) { return tmath::floor(a); });
        if (op == "em_ceil") return unary<double, u16>(c, [](const auto& a) { return tmath::ceil(a); });
        if (op == "em_round") return unary<float, i16>(c, [](const auto& a) { return tmath::round(a); });
        if (op == "em_trunc") return unary<double>(c, [](const auto& a) { return tmath::trunc(a); });
        if (op == "em_sign") return unary<float, i8, u32>(c, [](const auto& a) { return tmath::sign(a); });
        if (op == "em_square") return unary<double, i32, bool>(c, [](const auto& a) { return tmath::square(a); });
        if (op == "em_log1p") return unary<float>(c, [](const auto& a) { return tmath::log1p(a); });
        if (op == "em_expm1") return unary<double>(c, [](const auto& a) { return tmath::expm1(a); });
        if (op == "em_log2") return unary<float, i64>(c, [](const auto& a) { return tmath::log2(a); });
        if (op == "em_log10") return unary<double>(c, [](const auto& a) { return tmath::log10(a); });
        if (op == "em_exp2") return unary<float>(c, [](const auto& a) { return tmath::exp2(a); });
        if (op == "em_erf") return unary<float, double>(c, [](const auto& a) { return tmath::erf(a); });
        if (op == "em_remainder")
            return same_type<float, double, i32, u64, i8>(c, [](const auto& a, const auto& b) { return tmath::remainder(a, b); });
        if (op == "em_fmod")
            return same_type<double, i64, float>(c, [](const auto& a, const auto& b) { return tmath::fmod(a, b); });
        if (op == "em_pow")
            return with_pair<i32, double, float, double, i64>(c, [](const auto& a, const auto& b) { return tmath::pow(a, b); });
        if (op == "em_clip") return clip(c);
        return failure("unknown math operation " + op);
    });
}

}  // namespace npdiff
