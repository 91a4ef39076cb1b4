// Replays the contract cases of issue 19 (everyday_contract.py documents the op names
// and params): vecdot, vdot, outer, inner, trace, tensordot and einsum of one or two
// operands, on strided / permuted views.
#include "case_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace npdiff {
namespace {

using i32 = std::int32_t;
using i64 = std::int64_t;

/// f(a, b) on the case's two operands of one dtype among Ts, or with `Mixed` an i4 and
/// an f8 operand.
template <bool Mixed, class... Ts, class F>
outcome two(const test_case& c, F f) {
    if (c.operands[0].type != c.operands[1].type) {
        if constexpr (Mixed) {
            tmath::tensor<i32> base_a;
            tmath::tensor<double> base_b;
            if (c.operands[0].type == dtype::i4 && c.operands[1].type == dtype::f8)
                return f(make_view(c.operands[0], base_a), make_view(c.operands[1], base_b));
        }
        return failure("mixed dtypes not replayed for " + c.op);
    }
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base_a, base_b;
        return f(make_view(c.operands[0], base_a), make_view(c.operands[1], base_b));
    });
}

/// f(x) on the case's one operand, of a dtype among Ts.
template <class... Ts, class F>
outcome one(const test_case& c, F f) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base;
        return f(make_view(c.operands[0], base));
    });
}

/// The einsum subscripts of a case: LEN, then LEN ASCII codes.
std::string subscripts(const test_case& c) {
    param_reader p{c.params};
    std::string s;
    for (std::ptrdiff_t ch : p.list()) s += static_cast<char>(ch);
    return s;
}

// The dtypes of each op; everyday_contract.py's DTYPES must match.
outcome run(const test_case& c) {
    const std::string& op = c.op;
    if (op == "ct_vecdot")
        return two<false, float, double, i32, i64>(
            c, [&](const auto& a, const auto& b) { return from_tensor(tmath::vecdot(a, b, c.params.at(0))); });
    if (op == "ct_vdot")
        return two<false, double, i32>(c, [](const auto& a, const auto& b) { return from_scalar(tmath::vdot(a, b)); });
    if (op == "ct_outer")
        return two<false, float, i64>(c, [](const auto& a, const auto& b) { return from_tensor(tmath::outer(a, b)); });
    if (op == "ct_inner")
        return two<false, double, i32>(c, [](const auto& a, const auto& b) { return from_tensor(tmath::inner(a, b)); });
    if (op == "ct_trace")
        return one<float, i32, i64>(c, [&](const auto& x) {
            return from_tensor(tmath::trace(x, c.params.at(0), c.params.at(1), c.params.at(2)));
        });
    if (op == "ct_tensordot")
        return two<false, float, double, i64>(c, [&](const auto& a, const auto& b) {
            param_reader p{c.params};
            if (p.next() == 0) return from_tensor(tmath::tensordot(a, b, p.next()));
            const std::size_t k = static_cast<std::size_t>(p.next());
            std::vector<std::ptrdiff_t> la(k), lb(k);
            for (auto& x : la) x = p.next();
            for (auto& x : lb) x = p.next();
            return from_tensor(tmath::tensordot(a, b, la, lb));
        });
    if (op == "ct_einsum")
        return two<true, float, double, i32, i64>(
            c, [&](const auto& a, const auto& b) { return from_tensor(tmath::einsum(subscripts(c), a, b)); });
    if (op == "ct_einsum1")
        return one<double, i32>(c, [&](const auto& x) { return from_tensor(tmath::einsum(subscripts(c), x)); });
    return failure("unknown contract op " + op);
}

}  // namespace

bool handles_contract(const std::string& op) { return op.rfind("ct_", 0) == 0; }

outcome replay_contract(const test_case& c) {
    return capture([&] { return run(c); });
}

}  // namespace npdiff
