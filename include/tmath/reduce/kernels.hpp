#pragma once
/// @file kernels.hpp
/// Reduction of strided memory into a row-major result. The operand's dimensions are
/// first put in memory order (so a transposed view reduces like its contiguous base),
/// extents of 1 dropped and adjacent dimensions merged; then one of two kernels runs:
/// - contiguous axis: the innermost (unit-stride) dimension is reduced: four SIMD
///   accumulators per result element over every reduced run, one horizontal reduce;
/// - outer axes: the innermost dimension is kept: groups of eight reduced rows are
///   combined batch by batch and added into an accumulator row (vertical SIMD, whole
///   rows streamed, never element by element across strides).
/// A non-unit innermost stride is reported back so the caller copies the operand once.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <span>

#include "tmath/containers/aligned_buffer.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::detail {

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
    std::array<std::size_t, 64> idx{};
    std::ptrdiff_t in = 0, out = 0;
    for (std::size_t i = 0; i < k; ++i)
        if (dims[i]->n == 0) return;
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

/// Running state of one result element of the contiguous-axis kernel.
template <class Op, class T, class A>
struct run_accumulator {
    static constexpr bool vec = simd_reducible<Op, T, A>;
    using B = simd::batch<A>;
    B m_acc[4] = {B::broadcast(Op::template identity<A>()), B::broadcast(Op::template identity<A>()),
                  B::broadcast(Op::template identity<A>()), B::broadcast(Op::template identity<A>())};
    B m_nan = B::broadcast(A(0));
    A m_scalar[4] = {Op::template identity<A>(), Op::template identity<A>(), Op::template identity<A>(),
                     Op::template identity<A>()};

    /// Folds the n unit-stride elements at p in.
    void add_run(const T* p, std::size_t n) noexcept {
        std::size_t j = 0;
        if constexpr (vec) {
            constexpr std::size_t w = simd::width<A>;
            for (; j + 4 * w <= n; j += 4 * w) {
                const B x0 = simd::load(p + j), x1 = simd::load(p + j + w);
                const B x2 = simd::load(p + j + 2 * w), x3 = simd::load(p + j + 3 * w);
                m_acc[0] = Op::template apply_batch<A>(m_acc[0], x0);
                m_acc[1] = Op::template apply_batch<A>(m_acc[1], x1);
                m_acc[2] = Op::template apply_batch<A>(m_acc[2], x2);
                m_acc[3] = Op::template apply_batch<A>(m_acc[3], x3);
                if constexpr (nan_tracked<Op, A>)
                    m_nan = m_nan + ((simd::nan_part<A>(x0) + simd::nan_part<A>(x1)) +
                                     (simd::nan_part<A>(x2) + simd::nan_part<A>(x3)));
            }
            for (; j + w <= n; j += w) {
                const B x = simd::load(p + j);
                m_acc[0] = Op::template apply_batch<A>(m_acc[0], x);
                if constexpr (nan_tracked<Op, A>) m_nan = m_nan + simd::nan_part<A>(x);
            }
        } else {
            for (; j + 4 <= n; j += 4)
                for (std::size_t k = 0; k < 4; ++k) m_scalar[k] = Op::apply(m_scalar[k], static_cast<A>(p[j + k]));
        }
        for (; j < n; ++j) m_scalar[0] = Op::apply(m_scalar[0], static_cast<A>(p[j]));
    }

    /// The reduced value.
    A result() const noexcept {
        A r = Op::apply(Op::apply(m_scalar[0], m_scalar[1]), Op::apply(m_scalar[2], m_scalar[3]));
        if constexpr (vec) {
            B b = Op::template apply_batch<A>(Op::template apply_batch<A>(m_acc[0], m_acc[1]),
                                              Op::template apply_batch<A>(m_acc[2], m_acc[3]));
            if constexpr (nan_tracked<Op, A>) b = b + m_nan;
            r = Op::apply(Op::template horizontal<A>(b), r);
        }
        return r;
    }
};

/// Contiguous-axis kernel: the innermost dimension of `l` is reduced with unit stride.
template <class Op, class T, class A>
void reduce_contiguous_axis(const T* in, const reduce_layout& l, A* out) {
    std::array<const reduce_dim*, 64> kept{}, outer{};
    std::size_t nk = 0, no = 0;
    for (std::size_t i = 0; i + 1 < l.m_count; ++i) (l.m_dims[i].reduced ? outer[no++] : kept[nk++]) = &l.m_dims[i];
    const std::size_t n = l.m_dims[l.m_count - 1].n;
    for_each_offset(kept.data(), nk, [&](std::ptrdiff_t kin, std::ptrdiff_t kout) {
        run_accumulator<Op, T, A> acc;
        for_each_offset(outer.data(), no, [&](std::ptrdiff_t rin, std::ptrdiff_t) { acc.add_run(in + kin + rin, n); });
        out[kout] = acc.result();
    });
}

/// Folds G input rows (pointers `x`) into the accumulator row `row[j0..j1)` (and NaN lanes into `nan`).
template <class Op, class T, class A, std::size_t G>
void fold_rows(const T* const* x, A* row, A* nan, std::size_t j0, std::size_t j1) noexcept {
    std::size_t j = j0;
    if constexpr (simd_reducible<Op, T, A>) {
        using B = simd::batch<A>;
        constexpr std::size_t w = simd::width<A>;
        for (; j + w <= j1; j += w) {
            B v[G];
            for (std::size_t g = 0; g < G; ++g) v[g] = simd::load(x[g] + j);
            if constexpr (nan_tracked<Op, A>) {
                B s = simd::nan_part<A>(v[0]);
                for (std::size_t g = 1; g < G; ++g) s = s + simd::nan_part<A>(v[g]);
                simd::store(nan + j, simd::load(nan + j) + s);
            }
            for (std::size_t step = 1; step < G; step *= 2)
                for (std::size_t g = 0; g + step < G; g += 2 * step) v[g] = Op::template apply_batch<A>(v[g], v[g + step]);
            simd::store(row + j, Op::template apply_batch<A>(simd::load(row + j), v[0]));
        }
    }
    for (; j < j1; ++j) {
        A r = row[j];
        for (std::size_t g = 0; g < G; ++g) r = Op::apply(r, static_cast<A>(x[g][j]));
        row[j] = r;
    }
}

/// Outer-axes kernel: the innermost dimension of `l` is kept with unit input stride.
template <class Op, class T, class A>
void reduce_outer_axes(const T* in, const reduce_layout& l, A* out) {
    std::array<const reduce_dim*, 64> kept{}, red{};
    std::size_t nk = 0, nr = 0;
    for (std::size_t i = 0; i + 1 < l.m_count; ++i) (l.m_dims[i].reduced ? red[nr++] : kept[nk++]) = &l.m_dims[i];
    const reduce_dim& inner = l.m_dims[l.m_count - 1];
    const std::size_t n = inner.n;
    const bool direct = inner.out == 1;
    aligned_buffer<A> scratch(direct ? 0 : n, aligned_buffer<A>::uninitialized);
    aligned_buffer<A> nan(nan_tracked<Op, A> ? n : 0, aligned_buffer<A>::uninitialized);
    constexpr std::size_t G = 8;
    // Columns in chunks that keep the accumulator row in L1 while G rows stream past it.
    constexpr std::size_t chunk = 4096 / sizeof(A);
    for_each_offset(kept.data(), nk, [&](std::ptrdiff_t kin, std::ptrdiff_t kout) {
        A* row = direct ? out + kout : scratch.data();
        std::fill(row, row + n, Op::template identity<A>());
        if constexpr (nan_tracked<Op, A>) std::fill(nan.data(), nan.data() + n, A(0));
        for (std::size_t j0 = 0; j0 < n; j0 += chunk) {
            const std::size_t j1 = std::min(n, j0 + chunk);
            std::array<const T*, G> x{};
            std::size_t g = 0;
            for_each_offset(red.data(), nr, [&](std::ptrdiff_t rin, std::ptrdiff_t) {
                x[g++] = in + kin + rin;
                if (g == G) fold_rows<Op, T, A, G>(x.data(), row, nan.data(), j0, j1), g = 0;
            });
            for (std::size_t i = 0; i < g; ++i) fold_rows<Op, T, A, 1>(x.data() + i, row, nan.data(), j0, j1);
        }
        if constexpr (nan_tracked<Op, A>)
            for (std::size_t j = 0; j < n; ++j) row[j] += nan.data()[j];
        if (!direct)
            for (std::size_t j = 0; j < n; ++j) out[kout + static_cast<std::ptrdiff_t>(j) * inner.out] = row[j];
    });
}

/// Reduces `axes` of the strided array (in, shape, strides) into the row-major result
/// `out` (every extent non-zero). Returns false, writing nothing, when the innermost
/// dimension in memory order is not unit-stride (the caller copies the operand first).
template <class Op, class T, class A>
bool reduce_strided(const T* in, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                    axis_set axes, A* out) {
    const reduce_layout l = make_reduce_layout(shape, strides, axes);
    if (l.m_count == 0) {
        out[0] = Op::apply(Op::template identity<A>(), static_cast<A>(in[0]));
        return true;
    }
    const reduce_dim& inner = l.m_dims[l.m_count - 1];
    if (inner.in != 1) return false;
    if (inner.reduced) reduce_contiguous_axis<Op, T, A>(in, l, out);
    else reduce_outer_axes<Op, T, A>(in, l, out);
    return true;
}

}  // namespace tmath::detail
