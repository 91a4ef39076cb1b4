// Replays the casts-and-logic cases of issue 19, each operation on the dtypes of
// everyday_logic.py's tables: astype (its ASTYPE source/target pairs), the bitwise
// operators, logical_and/or/xor/not, isnan/isinf/isfinite, isclose, array_equal, and
// any / all / count_nonzero reduced over everything, one axis or a list of axes.
#include "elementwise_replay.hpp"

#include <string>
#include <vector>

namespace npdiff {

using namespace elementwise;

namespace {

template <class S, class U>
outcome astype_pair(const test_case& c) {
    tmath::tensor<S> base;
    const auto x = make_view(c.operands[0], base);
    return from_tensor(tmath::astype<U>(x));
}

outcome astype(const test_case& c) {
    const dtype s = c.operands[0].type;
    const auto d = static_cast<dtype>(c.params.at(0));
    const auto is = [&](dtype a, dtype b) { return s == a && d == b; };
    if (is(dtype::f4, dtype::i4)) return astype_pair<float, i32>(c);
    if (is(dtype::f8, dtype::i8)) return astype_pair<double, i64>(c);
    if (is(dtype::i4, dtype::f4)) return astype_pair<i32, float>(c);
    if (is(dtype::f8, dtype::f4)) return astype_pair<double, float>(c);
    if (is(dtype::i4, dtype::b1)) return astype_pair<i32, bool>(c);
    if (is(dtype::f4, dtype::b1)) return astype_pair<float, bool>(c);
    if (is(dtype::b1, dtype::f4)) return astype_pair<bool, float>(c);
    if (is(dtype::i2, dtype::u2)) return astype_pair<i16, u16>(c);
    return failure(std::string("no replay for astype ") + dtype_name(s) + " -> " + dtype_name(d));
}

outcome isclose(const test_case& c) {
    const double rtol = c.operands.at(2).data.f.at(0), atol = c.operands.at(3).data.f.at(0);
    const bool equal_nan = c.params.at(0) != 0;
    return same_type<float, double>(
        c, [&](const auto& a, const auto& b) { return tmath::isclose(a, b, rtol, atol, equal_nan); });
}

outcome array_equal(const test_case& c) {
    const bool equal_nan = c.params.at(0) != 0;
    return dispatch<float, i32, bool>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base_a, base_b;
        const auto a = make_view(c.operands[0], base_a);
        const auto b = make_view(c.operands[1], base_b);
        return from_scalar(tmath::array_equal(a, b, equal_nan));
    });
}

}  // namespace

bool handles_logic(const std::string& op) {
    return op == "astype" || op == "bitwise_and" || op == "bitwise_or" || op == "bitwise_xor" || op == "invert" ||
           op == "logical_and" || op == "logical_or" || op == "logical_xor" || op == "logical_not" || op == "isnan" ||
           op == "isinf" || op == "isfinite" || op == "isclose" || op == "array_equal" || op == "any" || op == "all" ||
           op == "count_nonzero";
}

outcome replay_logic(const test_case& c) {
    return capture([&] {
        const std::string& op = c.op;
        if (op == "astype") return astype(c);
        if (op == "bitwise_and") return same_type<bool, i32>(c, [](const auto& a, const auto& b) { return a & b; });
        if (op == "bitwise_or") return same_type<u8, i64>(c, [](const auto& a, const auto& b) { return a | b; });
        if (op == "bitwise_xor") return same_type<bool, i64>(c, [](const auto& a, const auto& b) { return a ^ b; });
        if (op == "invert") return unary<bool, i8, u16, i32>(c, [](const auto& a) { return ~a; });
        if (op == "logical_and")
            return same_type<bool, float>(c, [](const auto& a, const auto& b) { return tmath::logical_and(a, b); });
        if (op == "logical_or")
            return same_type<float, i32>(c, [](const auto& a, const auto& b) { return tmath::logical_or(a, b); });
        if (op == "logical_xor")
            return same_type<bool, i32>(c, [](const auto& a, const auto& b) { return tmath::logical_xor(a, b); });
        if (op == "logical_not") return unary<float, bool>(c, [](const auto& a) { return tmath::logical_not(a); });
        if (op == "isnan") return unary<float, double>(c, [](const auto& a) { return tmath::isnan(a); });
        if (op == "isinf") return unary<float, i32>(c, [](const auto& a) { return tmath::isinf(a); });
        if (op == "isfinite") return unary<double, i32>(c, [](const auto& a) { return tmath::isfinite(a); });
        if (op == "isclose") return isclose(c);
        if (op == "array_equal") return array_equal(c);
        // Each reduction on bool, float, int32 and float64 operands (everyday_logic.py's TRUTH_TYPES).
        if (op == "any")
            return reduce_in_mode<bool, float, i32, double>(
                c, [](const auto& x) { return tmath::any(x); },
                [](const auto& x, const auto& a, bool k) { return tmath::any(x, a, k); });
        if (op == "all")
            return reduce_in_mode<bool, float, i32, double>(
                c, [](const auto& x) { return tmath::all(x); },
                [](const auto& x, const auto& a, bool k) { return tmath::all(x, a, k); });
        return reduce_in_mode<bool, float, i32, double>(
            c, [](const auto& x) { return tmath::count_nonzero(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::count_nonzero(x, a, k); });
    });
}

}  // namespace npdiff
