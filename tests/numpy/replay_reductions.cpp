// Replays the reduction cases (sum, prod, mean, max, min over everything, one axis or a
// list of axes, with and without keepdims; max/min of an empty extent must throw) and
// softmax / log_softmax along an axis.
#include "case_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace npdiff {
namespace {

/// softmax and log_softmax along the case's axis, for the dtypes Ts.
template <class... Ts>
outcome softmax(const test_case& c) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base;
        const auto x = make_view(c.operands[0], base);
        const std::ptrdiff_t axis = c.params.at(0);
        return from_tensor(c.op == "softmax" ? tmath::softmax(x, axis) : tmath::log_softmax(x, axis));
    });
}

using i8 = std::int8_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u64 = std::uint64_t;

// A few dtypes per reduction (each instance costs about a second of compile time);
// gen_cases.py's OPS table must match.
outcome run(const test_case& c) {
    const std::string& op = c.op;
    if (op == "softmax" || op == "log_softmax") return softmax<float, double, i32>(c);
    if (op == "sum")
        return reduce_in_mode<float, double, i8, i32, u16, u64>(
            c, [](const auto& x) { return tmath::sum(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::sum(x, a, k); });
    if (op == "prod")
        return reduce_in_mode<double, i32>(
            c, [](const auto& x) { return tmath::prod(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::prod(x, a, k); });
    if (op == "mean")
        return reduce_in_mode<float, i64>(
            c, [](const auto& x) { return tmath::mean(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::mean(x, a, k); });
    if (op == "max")
        return reduce_in_mode<float, i32, u8>(
            c, [](const auto& x) { return tmath::max(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::max(x, a, k); });
    if (op == "min")
        return reduce_in_mode<double, i64>(
            c, [](const auto& x) { return tmath::min(x); },
            [](const auto& x, const auto& a, bool k) { return tmath::min(x, a, k); });
    outcome r;
    r.error = "unknown reduction " + op;
    return r;
}

}  // namespace

outcome replay_reductions(const test_case& c) {
    return capture([&] { return run(c); });
}

}  // namespace npdiff
