#pragma once
// Reference semantics for the fuzz target, written without tmath: strided views over
// plain arrays, NumPy broadcasting, element-wise maps, numpy.matmul, reductions and
// softmax as loops over multi-indices. Results are row-major std::vectors.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "../reference_shape.hpp"

namespace fuzzref {

using shape = test::shape;
using index = test::index;
using strides = std::vector<std::ptrdiff_t>;
using test::count;
using test::fmt;
using test::unravel;

/// Row-major strides (in elements) of a contiguous array of `s`.
inline strides row_major(const shape& s) {
    strides st(s.size());
    std::ptrdiff_t acc = 1;
    for (std::size_t i = s.size(); i-- > 0;) {
        st[i] = acc;
        acc *= static_cast<std::ptrdiff_t>(s[i] == 0 ? 1 : s[i]);
    }
    return st;
}

/// NumPy's broadcast of two shapes, or nothing when they do not broadcast.
inline std::optional<shape> broadcast(const shape& a, const shape& b) {
    const std::size_t r = a.size() > b.size() ? a.size() : b.size();
    shape out(r, 1);
    for (std::size_t i = 0; i < r; ++i) {  // i counts from the right
        const std::size_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
        const std::size_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
        if (x != y && x != 1 && y != 1) return std::nullopt;
        out[r - 1 - i] = x == 1 ? y : x;
    }
    return out;
}

/// Where the elements of a strided view live: element `idx` is at
/// `offset + sum(idx[d] * st[d])` of array `base`.
struct view {
    shape s;
    strides st;
    std::ptrdiff_t offset = 0;
    int base = 0;

    std::size_t rank() const { return s.size(); }
    std::ptrdiff_t position(const index& idx) const {
        std::ptrdiff_t p = offset;
        for (std::size_t d = 0; d < s.size(); ++d) p += static_cast<std::ptrdiff_t>(idx[d]) * st[d];
        return p;
    }
    /// Position of the element that an output index `idx` of a larger broadcast shape reads.
    std::ptrdiff_t broadcast_position(const index& idx) const {
        const std::size_t pad = idx.size() - s.size();
        std::ptrdiff_t p = offset;
        for (std::size_t d = 0; d < s.size(); ++d)
            if (s[d] != 1) p += static_cast<std::ptrdiff_t>(idx[pad + d]) * st[d];
        return p;
    }
    /// True when two different indices of the view reach the same element.
    bool self_overlaps() const {
        std::vector<std::ptrdiff_t> seen;
        for (std::size_t k = 0; k < count(s); ++k) {
            const std::ptrdiff_t p = position(unravel(k, s));
            for (std::ptrdiff_t q : seen)
                if (q == p) return true;
            seen.push_back(p);
        }
        return false;
    }
};

/// A reference result: its shape and row-major values.
template <class R>
struct array {
    shape s;
    std::vector<R> v;
};

/// Elements of `x` (values in `mem`) as a row-major array.
template <class T>
array<T> values_of(const view& x, const std::vector<T>& mem) {
    array<T> r{x.s, std::vector<T>(count(x.s))};
    for (std::size_t k = 0; k < r.v.size(); ++k) r.v[k] = mem[static_cast<std::size_t>(x.position(unravel(k, x.s)))];
    return r;
}

/// f(a, b) element by element over the broadcast shape `out` (which both broadcast to).
template <class T, class F>
array<T> map2(const shape& out, const array<T>& a, const array<T>& b, F f) {
    array<T> r{out, std::vector<T>(count(out))};
    const view va{a.s, row_major(a.s), 0, 0};
    const view vb{b.s, row_major(b.s), 0, 0};
    for (std::size_t k = 0; k < r.v.size(); ++k) {
        const index idx = unravel(k, out);
        r.v[k] = f(a.v[static_cast<std::size_t>(va.broadcast_position(idx))],
                   b.v[static_cast<std::size_t>(vb.broadcast_position(idx))]);
    }
    return r;
}

/// `a` stretched to the shape `out` it broadcasts to.
template <class T>
array<T> stretch(const shape& out, const array<T>& a) {
    return map2(out, a, array<T>{shape{}, std::vector<T>{T(0)}}, [](T x, T) { return x; });
}

/// numpy.matmul's result, or nothing (and `why` set) when the shapes do not fit.
template <class T>
std::optional<array<T>> matmul(const array<T>& a, const array<T>& b) {
    if (a.s.empty() || b.s.empty()) return std::nullopt;
    const bool av = a.s.size() == 1, bv = b.s.size() == 1;
    shape as = a.s, bs = b.s;
    if (av) as.insert(as.begin(), 1);
    if (bv) bs.push_back(1);
    const std::size_t k = as[as.size() - 1];
    if (k != bs[bs.size() - 2]) return std::nullopt;
    const std::size_t m = as[as.size() - 2], n = bs[bs.size() - 1];
    const shape abatch(as.begin(), as.end() - 2), bbatch(bs.begin(), bs.end() - 2);
    const auto batch = broadcast(abatch, bbatch);
    if (!batch) return std::nullopt;
    shape full = *batch;
    full.push_back(m);
    full.push_back(n);
    array<T> r{full, std::vector<T>(count(full))};
    const view va{as, row_major(as), 0, 0};
    const view vb{bs, row_major(bs), 0, 0};
    for (std::size_t e = 0; e < r.v.size(); ++e) {
        index idx = unravel(e, full);
        const std::size_t i = idx[idx.size() - 2], j = idx[idx.size() - 1];
        T acc = T(0);
        for (std::size_t p = 0; p < k; ++p) {
            idx[idx.size() - 2] = i;
            idx[idx.size() - 1] = p;
            const T x = a.v[static_cast<std::size_t>(va.broadcast_position(idx))];
            idx[idx.size() - 2] = p;
            idx[idx.size() - 1] = j;
            const T y = b.v[static_cast<std::size_t>(vb.broadcast_position(idx))];
            acc = static_cast<T>(acc + x * y);
        }
        r.v[e] = acc;
    }
    // Drop the dimensions the 1-D promotion added.
    shape out = *batch;
    if (!av) out.push_back(m);
    if (!bv) out.push_back(n);
    r.s = out;
    return r;
}

/// Reduction of `a` along `axis` (all axes when `axis` is empty) with `f`, starting
/// from `init`; `R` is the accumulator and result type.
template <class R, class T, class F>
array<R> reduce(const array<T>& a, std::optional<std::size_t> axis, R init, F f) {
    shape out;
    for (std::size_t d = 0; d < a.s.size(); ++d)
        if (axis && d != *axis) out.push_back(a.s[d]);
    array<R> r{out, std::vector<R>(count(out), init)};
    std::vector<bool> first(r.v.size(), true);
    for (std::size_t k = 0; k < a.v.size(); ++k) {
        const index idx = unravel(k, a.s);
        std::size_t o = 0;
        for (std::size_t d = 0; d < a.s.size(); ++d)
            if (axis && d != *axis) o = o * a.s[d] + idx[d];
        r.v[o] = f(r.v[o], static_cast<R>(a.v[k]), first[o]);
        first[o] = false;
    }
    return r;
}

/// softmax of `a` along `axis`, in double.
template <class T>
array<double> softmax(const array<T>& a, std::size_t axis) {
    array<double> r{a.s, std::vector<double>(a.v.size())};
    const view va{a.s, row_major(a.s), 0, 0};
    for (std::size_t k = 0; k < a.v.size(); ++k) {
        index idx = unravel(k, a.s);
        double m = -INFINITY;
        for (std::size_t j = 0; j < a.s[axis]; ++j) {
            idx[axis] = j;
            m = std::fmax(m, static_cast<double>(a.v[static_cast<std::size_t>(va.position(idx))]));
        }
        double sum = 0;
        for (std::size_t j = 0; j < a.s[axis]; ++j) {
            idx[axis] = j;
            sum += std::exp(static_cast<double>(a.v[static_cast<std::size_t>(va.position(idx))]) - m);
        }
        r.v[k] = std::exp(static_cast<double>(a.v[k]) - m) / sum;
    }
    return r;
}

/// Equal values (NaN equals NaN; exact otherwise).
template <class T>
bool same(T got, T want) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
    }
    return got == want;
}

}  // namespace fuzzref
