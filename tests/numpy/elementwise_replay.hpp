#pragma once
// Helpers of the element-wise replays: an operation applied to operands built as views
// of the case's dtypes, one template instance per (operation, dtype).
#include "case_file.hpp"

#include <cstdint>
#include <string>

namespace npdiff::elementwise {

template <class TA, class TB, class F>
outcome binary(const test_case& c, F f) {
    tmath::tensor<TA> base_a;
    tmath::tensor<TB> base_b;
    const auto a = make_view(c.operands[0], base_a);
    const auto b = make_view(c.operands[1], base_b);
    return from_tensor(f(a, b));
}

/// f(a, b) with both operands of one of the dtypes Ts.
template <class... Ts, class F>
outcome same_type(const test_case& c, F f) {
    if (c.operands[0].type != c.operands[1].type) return failure("mixed dtypes not replayed for " + c.op);
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        return binary<T, T>(c, f);
    });
}

/// f(a, b) with operands of dtypes A and B (in that order), or with equal dtypes among Ts.
template <class A, class B, class... Ts, class F>
outcome with_pair(const test_case& c, F f) {
    if (c.operands[0].type == dtype_of<A>() && c.operands[1].type == dtype_of<B>()) return binary<A, B>(c, f);
    return same_type<Ts...>(c, f);
}

template <class... Ts, class F>
outcome unary(const test_case& c, F f) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        using T = decltype(t);
        tmath::tensor<T> base;
        const auto a = make_view(c.operands[0], base);
        return from_tensor(f(a));
    });
}

using i8 = std::int8_t;
using i16 = std::int16_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

}  // namespace npdiff::elementwise
