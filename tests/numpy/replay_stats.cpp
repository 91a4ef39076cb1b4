// Replays the stats cases of issue 19: argmax/argmin, cumsum/cumprod, var/stddev, norm,
// logsumexp, and max/min over empty axes (everyday_stats.py documents the params).
#include "case_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace npdiff {
namespace {

using i8 = std::int8_t;
using i16 = std::int16_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
using u8 = std::uint8_t;
using u16 = std::uint16_t;

/// The axes after the first `skip` params.
std::vector<std::ptrdiff_t> axes_after(const test_case& c, std::size_t skip) {
    return std::vector<std::ptrdiff_t>(c.params.begin() + static_cast<std::ptrdiff_t>(skip), c.params.end());
}

/// argmax / argmin: MODE KEEPDIMS AXIS.
template <bool Max, class... Ts>
outcome arg(const test_case& c) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        tmath::tensor<decltype(t)> base;
        const auto x = make_view(c.operands[0], base);
        const bool keep = c.params.at(1) != 0;
        if (c.params.at(0) == 0) return from_scalar(Max ? tmath::argmax(x) : tmath::argmin(x));
        return from_tensor(Max ? tmath::argmax(x, c.params.at(2), keep) : tmath::argmin(x, c.params.at(2), keep));
    });
}

/// cumsum / cumprod: MODE AXIS.
template <bool Prod, class... Ts>
outcome scan(const test_case& c) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        tmath::tensor<decltype(t)> base;
        const auto x = make_view(c.operands[0], base);
        if (c.params.at(0) == 0) return from_tensor(Prod ? tmath::cumprod(x) : tmath::cumsum(x));
        return from_tensor(Prod ? tmath::cumprod(x, c.params.at(1)) : tmath::cumsum(x, c.params.at(1)));
    });
}

/// var / stddev: MODE KEEPDIMS DDOF2 axis...
template <bool Sqrt, class... Ts>
outcome moment(const test_case& c) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        tmath::tensor<decltype(t)> base;
        const auto x = make_view(c.operands[0], base);
        const std::ptrdiff_t mode = c.params.at(0);
        const bool keep = c.params.at(1) != 0;
        const double ddof = static_cast<double>(c.params.at(2)) / 2;
        const auto axes = axes_after(c, 3);
        if (mode == 0 && ddof == 0) return from_scalar(Sqrt ? tmath::stddev(x) : tmath::var(x));
        if (mode == 0 || mode == 3)
            return from_tensor(Sqrt ? tmath::stddev(x, tmath::all, keep, ddof) : tmath::var(x, tmath::all, keep, ddof));
        if (mode == 1)
            return from_tensor(Sqrt ? tmath::stddev(x, axes.at(0), keep, ddof) : tmath::var(x, axes.at(0), keep, ddof));
        return from_tensor(Sqrt ? tmath::stddev(x, axes, keep, ddof) : tmath::var(x, axes, keep, ddof));
    });
}

/// norm / logsumexp: MODE KEEPDIMS axis...
template <bool Log, class... Ts>
outcome row_reduction(const test_case& c) {
    return reduce_in_mode<Ts...>(
        c, [](const auto& x) { return Log ? tmath::logsumexp(x) : tmath::norm(x); },
        [](const auto& x, const auto& a, bool k) { return Log ? tmath::logsumexp(x, a, k) : tmath::norm(x, a, k); });
}

/// max / min over a list of axes: KEEPDIMS axis...
template <bool Max>
outcome extreme(const test_case& c) {
    return dispatch<double>(c.operands[0].type, [&](auto t) {
        tmath::tensor<decltype(t)> base;
        const auto x = make_view(c.operands[0], base);
        const bool keep = c.params.at(0) != 0;
        const auto axes = axes_after(c, 1);
        return from_tensor(Max ? tmath::max(x, axes, keep) : tmath::min(x, axes, keep));
    });
}

// The dtypes per op (each instance costs about a second of compile time); the DTYPES
// table of everyday_stats.py must match.
outcome run(const test_case& c) {
    const std::string& op = c.op;
    if (op == "st_argmax") return arg<true, float, double, i32, bool>(c);
    if (op == "st_argmin") return arg<false, double, i64, u8>(c);
    if (op == "st_cumsum") return scan<false, float, double, i32, bool, u16>(c);
    if (op == "st_cumprod") return scan<true, double, i64>(c);
    if (op == "st_var") return moment<false, float, double, i32>(c);
    if (op == "st_std") return moment<true, double, i16, bool>(c);
    if (op == "st_norm") return row_reduction<false, float, double, i32>(c);
    if (op == "st_logsumexp") return row_reduction<true, float, double, i64>(c);
    if (op == "st_max") return extreme<true>(c);
    if (op == "st_min") return extreme<false>(c);
    return failure("no replay for " + op);
}

}  // namespace

bool handles_stats(const std::string& op) { return op.rfind("st_", 0) == 0; }

outcome replay_stats(const test_case& c) {
    return capture([&] { return run(c); });
}

}  // namespace npdiff
