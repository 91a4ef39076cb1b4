// Replays the creation cases of issue 19: arange, linspace, eye, zeros_like / ones_like /
// full_like (optionally of another dtype), tril and triu on views. The result dtype is
// the case's param 0 (an index into dtype's order), as everyday_creation.py writes it.
#include "case_file.hpp"

#include <cstdint>
#include <string>

namespace npdiff {
namespace {

using i8 = std::int8_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
using u8 = std::uint8_t;

dtype param_dtype(std::ptrdiff_t p) { return static_cast<dtype>(p); }

/// A rank-0 float64 operand's value.
double real(const operand& o) { return o.data.f.at(0); }

outcome arange(const test_case& c) {
    return dispatch<float, double, i32, i64>(param_dtype(c.params.at(0)), [&](auto t) {
        using T = decltype(t);
        if (c.params.at(1) != 0) {  // integer arguments
            const std::size_t n = c.params.size() - 2;
            if (n == 1) return from_tensor(tmath::arange<T>(static_cast<i64>(c.params[2])));
            return from_tensor(tmath::arange<T>(static_cast<i64>(c.params[2]), static_cast<i64>(c.params[3]),
                                                static_cast<i64>(c.params[4])));
        }
        return from_tensor(tmath::arange<T>(real(c.operands[0]), real(c.operands[1]), real(c.operands[2])));
    });
}

outcome linspace(const test_case& c) {
    return dispatch<float, double, i32, i64>(param_dtype(c.params.at(0)), [&](auto t) {
        using T = decltype(t);
        return from_tensor(tmath::linspace<T>(real(c.operands[0]), real(c.operands[1]), c.params.at(1), c.params.at(2) != 0));
    });
}

outcome eye(const test_case& c) {
    return dispatch<float, double, i32, bool>(param_dtype(c.params.at(0)), [&](auto t) {
        using T = decltype(t);
        return from_tensor(tmath::eye<T>(static_cast<std::size_t>(c.params.at(1)), static_cast<std::size_t>(c.params.at(2)),
                                         c.params.at(3)));
    });
}

/// zeros_like / ones_like / full_like of an operand of dtype S, giving S or U.
template <class U, class S>
outcome like_as(const test_case& c, const tmath::tensor_view<const S>& x) {
    using R = std::conditional_t<std::is_void_v<U>, S, U>;
    if (c.op == "zeros_like") return from_tensor(tmath::zeros_like<U>(x));
    if (c.op == "ones_like") return from_tensor(tmath::ones_like<U>(x));
    return from_tensor(tmath::full_like<U>(x, static_cast<R>(c.params.at(1))));
}

outcome like(const test_case& c) {
    return dispatch<float, i32, double, u8>(c.operands[0].type, [&](auto t) {
        using S = decltype(t);
        tmath::tensor<S> base;
        const auto x = make_view(c.operands[0], base);
        const std::ptrdiff_t target = c.params.at(0);
        if (target < 0) return like_as<void>(c, x);
        if (param_dtype(target) == dtype::f8) return like_as<double>(c, x);
        if (param_dtype(target) == dtype::i8) return like_as<i64>(c, x);
        return failure("no replay for dtype " + std::string(dtype_name(param_dtype(target))));
    });
}

outcome triangle(const test_case& c) {
    return dispatch<float, double, i32, bool, i64>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base;
        const auto x = make_view(c.operands[0], base);
        const std::ptrdiff_t k = c.params.at(0);
        return from_tensor(c.op == "tril" ? tmath::eval(tmath::tril(x, k)) : tmath::eval(tmath::triu(x, k)));
    });
}

}  // namespace

bool handles_creation(const std::string& op) {
    return op == "arange" || op == "linspace" || op == "eye" || op == "zeros_like" || op == "ones_like" ||
           op == "full_like" || op == "tril" || op == "triu";
}

outcome replay_creation(const test_case& c) {
    return capture([&] {
        if (c.op == "arange") return arange(c);
        if (c.op == "linspace") return linspace(c);
        if (c.op == "eye") return eye(c);
        if (c.op == "tril" || c.op == "triu") return triangle(c);
        return like(c);
    });
}

}  // namespace npdiff
