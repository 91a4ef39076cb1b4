// Replays the arithmetic cases: +, -, *, / and maximum / minimum over broadcast operands
// that may be strided, transposed or swapped views, including the mixed dtypes where
// std::common_type and NumPy's promotion agree.
#include "elementwise_replay.hpp"

#include <string>

namespace npdiff {

using namespace elementwise;

// Each operation is replayed for a few dtypes, chosen so that every dtype and every
// operation is covered while the number of template instances (each a full evaluator:
// about a second of compile time) stays small. gen_cases.py's BINARY table must match.
outcome replay_arithmetic(const test_case& c) {
    return capture([&] {
        const std::string& op = c.op;
        const auto add = [](const auto& a, const auto& b) { return a + b; };
        const auto mul = [](const auto& a, const auto& b) { return a * b; };
        if (op == "add") {
            if (c.operands[0].type == dtype::f4 && c.operands[1].type == dtype::f8) return binary<float, double>(c, add);
            return with_pair<i32, double, float, double, i8, i16, i32, i64, u8, u16, u32, u64>(c, add);
        }
        if (op == "mul") {
            if (c.operands[0].type == dtype::i4 && c.operands[1].type == dtype::i8) return binary<i32, i64>(c, mul);
            return with_pair<i64, double, float, double, i32, i64, u8>(c, mul);
        }
        if (op == "sub") return same_type<double, i32, u32>(c, [](const auto& a, const auto& b) { return a - b; });
        if (op == "div") return same_type<float, double, i32>(c, [](const auto& a, const auto& b) { return a / b; });
        if (op == "maximum")
            return same_type<float, i64>(c, [](const auto& a, const auto& b) { return tmath::maximum(a, b); });
        if (op == "minimum")
            return same_type<double, i32>(c, [](const auto& a, const auto& b) { return tmath::minimum(a, b); });
        outcome r;
        r.error = "unknown arithmetic operation " + op;
        return r;
    });
}

}  // namespace npdiff
