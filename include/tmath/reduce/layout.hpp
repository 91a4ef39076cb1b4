#pragma once
/// @file layout.hpp
/// The layout of a reduction of strided memory: its dimensions put in memory order (so a
/// transposed view reduces like its contiguous base), extents of 1 dropped and adjacent
/// dimensions merged, each with its input and result strides; and the odometer that
/// walks the offsets of a few of them.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <span>

#include "tmath/config.hpp"
#include "tmath/reduce/axes.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// One dimension of a reduction: extent, input stride, result stride (0 when reduced).
struct reduce_dim {
    std::size_t n;
    std::ptrdiff_t in;
    std::ptrdiff_t out;
    bool reduced;
};

/// The dimensions of a reduction in memory order (outermost first), merged.
struct reduce_layout {
    std::array<reduce_dim, 64> m_dims{};
    std::size_t m_count = 0;
};

/// Memory-ordered, merged layout of reducing `axes` of (shape, strides) into a
/// row-major result holding the kept axes in order.
inline reduce_layout make_reduce_layout(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                                        axis_set axes) {
    reduce_layout l;
    std::ptrdiff_t out_stride = 1;
    std::array<std::ptrdiff_t, 64> outs{};
    for (std::size_t i = shape.size(); i-- > 0;) {
        if (axes.contains(i)) continue;
        outs[i] = out_stride;
        out_stride *= static_cast<std::ptrdiff_t>(shape[i]);
    }
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (shape[i] != 1) l.m_dims[l.m_count++] = {shape[i], strides[i], axes.contains(i) ? 0 : outs[i], axes.contains(i)};
    std::stable_sort(l.m_dims.begin(), l.m_dims.begin() + static_cast<std::ptrdiff_t>(l.m_count),
                     [](const reduce_dim& a, const reduce_dim& b) { return std::abs(a.in) > std::abs(b.in); });
    std::size_t k = 0;
    for (std::size_t i = 0; i < l.m_count; ++i) {
        const reduce_dim& d = l.m_dims[i];
        if (k != 0) {
            reduce_dim& p = l.m_dims[k - 1];
            const auto n = static_cast<std::ptrdiff_t>(d.n);
            if (p.reduced == d.reduced && p.in == d.in * n && (d.reduced || p.out == d.out * n)) {
                p.n *= d.n;
                p.in = d.in;
                p.out = d.out;
                continue;
            }
        }
        l.m_dims[k++] = d;
    }
    l.m_count = k;
    return l;
}

/// Calls f(in_offset, out_offset) for every index of the dimensions `dims[0..k)`
/// (once, with zeros, when k == 0).
template <class F>
void for_each_offset(const reduce_dim* const* dims, std::size_t k, F&& f) {
    if (k == 0) {  // the common cases first: no odometer
        f(std::ptrdiff_t{0}, std::ptrdiff_t{0});
        return;
    }
    if (k == 1) {
        const std::ptrdiff_t si = dims[0]->in, so = dims[0]->out;
        for (std::size_t i = 0; i < dims[0]->n; ++i)
            f(static_cast<std::ptrdiff_t>(i) * si, static_cast<std::ptrdiff_t>(i) * so);
        return;
    }
    std::array<std::size_t, 64> idx;
    std::ptrdiff_t in = 0, out = 0;
    for (std::size_t i = 0; i < k; ++i) {
        if (dims[i]->n == 0) return;
        idx[i] = 0;
    }
    while (true) {
        f(in, out);
        std::size_t d = k;
        while (d-- > 0) {
            in += dims[d]->in;
            out += dims[d]->out;
            if (++idx[d] < dims[d]->n) break;
            in -= dims[d]->in * static_cast<std::ptrdiff_t>(dims[d]->n);
            out -= dims[d]->out * static_cast<std::ptrdiff_t>(dims[d]->n);
            idx[d] = 0;
        }
        if (d == static_cast<std::size_t>(-1)) return;
    }
}

}  // namespace tmath::detail
