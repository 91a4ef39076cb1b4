#pragma once
/// @file kernels.hpp
/// Reduction of strided memory into a row-major result. The operand's dimensions are
/// first put in memory order (so a transposed view reduces like its contiguous base),
/// extents of 1 dropped and adjacent dimensions merged; then one of two kernels runs:
/// - contiguous axis: the innermost (unit-stride) dimension is reduced: four SIMD
///   accumulators per result element over every reduced run, one horizontal reduce;
/// - outer axes: the innermost dimension is kept: whole rows stream past an accumulator
///   row four at a time (vertical SIMD, never element by element across strides).
/// A non-unit innermost stride is reported back so the caller copies the operand once.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <span>

#include "tmath/containers/aligned_buffer.hpp"
#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
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

    /// Registers of the SIMD state while a loop runs.
    struct lanes {
        B a0, a1, a2, a3, nan;
        /// Folds x into a0 (and its NaN bookkeeping).
        TMATH_FORCE_INLINE void fold1(const B& x) noexcept {
            a0 = Op::template apply_batch<A>(a0, x);
            if constexpr (nan_tracked<Op, A>) nan = nan + simd::nan_part<A>(x);
        }
        /// Folds x0..x3 into a0..a3 (and their NaN bookkeeping).
        TMATH_FORCE_INLINE void fold(const B& x0, const B& x1, const B& x2, const B& x3) noexcept {
            a0 = Op::template apply_batch<A>(a0, x0);
            a1 = Op::template apply_batch<A>(a1, x1);
            a2 = Op::template apply_batch<A>(a2, x2);
            a3 = Op::template apply_batch<A>(a3, x3);
            if constexpr (nan_tracked<Op, A>)
                nan = nan + ((simd::nan_part<A>(x0) + simd::nan_part<A>(x1)) +
                             (simd::nan_part<A>(x2) + simd::nan_part<A>(x3)));
        }
        /// Folds the four batches at p.
        TMATH_FORCE_INLINE void fold4(const T* p) noexcept {
            constexpr std::size_t w = simd::width<A>;
            fold(simd::load(p), simd::load(p + w), simd::load(p + 2 * w), simd::load(p + 3 * w));
        }
        /// Folds the whole batches of p[j, n) into a0; returns where they end.
        TMATH_FORCE_INLINE std::size_t fold_rest(const T* p, std::size_t j, std::size_t n) noexcept {
            constexpr std::size_t w = simd::width<A>;
            for (; j + w <= n; j += w) fold1(simd::load(p + j));
            return j;
        }
    };
    TMATH_FORCE_INLINE lanes load_lanes() const noexcept { return {m_acc[0], m_acc[1], m_acc[2], m_acc[3], m_nan}; }
    TMATH_FORCE_INLINE void store_lanes(const lanes& r) noexcept {
        m_acc[0] = r.a0, m_acc[1] = r.a1, m_acc[2] = r.a2, m_acc[3] = r.a3, m_nan = r.nan;
    }

    /// Folds the elements p[j, n) one by one into the first scalar accumulator.
    void fold_scalars(const T* p, std::size_t j, std::size_t n) noexcept {
        for (; j < n; ++j) m_scalar[0] = Op::apply(m_scalar[0], static_cast<A>(p[j]));
    }

    /// Folds the n unit-stride elements at p in (a run that `t` reads as two streams as
    /// its halves side by side, two batches from each per iteration).
    void add_run(const T* p, std::size_t n, const arch::tuning& t) noexcept {
        std::size_t j = 0;
        if constexpr (vec) {
            constexpr std::size_t w = simd::width<A>;
            lanes r = load_lanes();
            if (t.reads_two_streams(n * sizeof(T))) {
                const std::size_t h = n / (4 * w) * (2 * w);
                for (std::size_t i = 0; i < h; i += 2 * w)
                    r.fold(simd::load(p + i), simd::load(p + i + w), simd::load(p + h + i), simd::load(p + h + i + w));
                j = 2 * h;
            }
            for (; j + 4 * w <= n; j += 4 * w) r.fold4(p + j);
            j = r.fold_rest(p, j, n);
            store_lanes(r);
        } else {
            for (; j + 4 <= n; j += 4)
                for (std::size_t k = 0; k < 4; ++k) m_scalar[k] = Op::apply(m_scalar[k], static_cast<A>(p[j + k]));
        }
        fold_scalars(p, j, n);
    }

    /// Folds the n elements at p into this accumulator and the n at q into `other`,
    /// interleaved (two streams), each in the order `add_run` would (runs that `t` does
    /// not read as two streams).
    void add_runs(run_accumulator& other, const T* p, const T* q, std::size_t n, const arch::tuning& t) noexcept {
        if constexpr (vec) {
            constexpr std::size_t w = simd::width<A>;
            lanes r = load_lanes(), o = other.load_lanes();
            std::size_t j = 0;
            for (; j + 4 * w <= n; j += 4 * w) {
                r.fold4(p + j);
                o.fold4(q + j);
            }
            const std::size_t end = r.fold_rest(p, j, n);
            o.fold_rest(q, j, n);
            store_lanes(r);
            other.store_lanes(o);
            fold_scalars(p, end, n);
            other.fold_scalars(q, end, n);
        } else {
            add_run(p, n, t);
            other.add_run(q, n, t);
        }
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
void reduce_contiguous_axis(const T* in, const reduce_layout& l, A* out, const arch::tuning& t) {
    std::array<const reduce_dim*, 64> kept{}, outer{};
    std::size_t nk = 0, no = 0;
    for (std::size_t i = 0; i + 1 < l.m_count; ++i) (l.m_dims[i].reduced ? outer[no++] : kept[nk++]) = &l.m_dims[i];
    const std::size_t n = l.m_dims[l.m_count - 1].n;
    if (no == 0 && nk == 1) {  // rows reduced one by one (sum(x, -1) of a matrix): accumulators stay in registers
        const std::ptrdiff_t si = kept[0]->in, so = kept[0]->out;
        const std::size_t rows = kept[0]->n;
        std::size_t i = 0;
        if (t.reads_two_streams(rows * n * sizeof(T)) && !t.reads_two_streams(n * sizeof(T))) {
            // Rows i and i + half side by side: two streams.
            const std::size_t half = rows / 2;
            for (; i < half; ++i) {
                run_accumulator<Op, T, A> x, y;
                const auto i2 = static_cast<std::ptrdiff_t>(i + half);
                x.add_runs(y, in + static_cast<std::ptrdiff_t>(i) * si, in + i2 * si, n, t);
                out[static_cast<std::ptrdiff_t>(i) * so] = x.result();
                out[i2 * so] = y.result();
            }
            i = 2 * half;
        }
        for (; i < rows; ++i) {
            run_accumulator<Op, T, A> acc;
            acc.add_run(in + static_cast<std::ptrdiff_t>(i) * si, n, t);
            out[static_cast<std::ptrdiff_t>(i) * so] = acc.result();
        }
        return;
    }
    for_each_offset(kept.data(), nk, [&](std::ptrdiff_t kin, std::ptrdiff_t kout) {
        run_accumulator<Op, T, A> acc;
        for_each_offset(outer.data(), no, [&](std::ptrdiff_t rin, std::ptrdiff_t) { acc.add_run(in + kin + rin, n, t); });
        out[kout] = acc.result();
    });
}

/// Sets marks[j] for every j in [j0, j1) where row i < rows of x (rows `step` apart) is NaN.
template <class T>
void mark_nans(const T* x, std::ptrdiff_t step, std::size_t rows, unsigned char* marks, std::size_t j0,
               std::size_t j1) noexcept {
    for (std::size_t i = 0; i < rows; ++i, x += step)
        for (std::size_t j = j0; j < j1; ++j)
            if (x[j] != x[j]) marks[j] = 1;
}

/// The batches at column j of the K rows at x (rows `step` apart) combined by Op as a
/// tree; their plain sum is added to `sum` when Op tracks NaN.
template <std::size_t K, class Op, class T, class A>
inline simd::batch<A> fold_batches(const T* x, std::ptrdiff_t step, std::size_t j,
                                  simd::batch<A>& sum) noexcept {
    using B = simd::batch<A>;
    const B v0 = simd::load(x + j);
    if constexpr (K == 1) {
        if constexpr (nan_tracked<Op, A>) sum = sum + v0;
        return v0;
    } else {
        const B v1 = simd::load(x + step + j);
        if constexpr (K == 2) {
            if constexpr (nan_tracked<Op, A>) sum = sum + (v0 + v1);
            return Op::template apply_batch<A>(v0, v1);
        } else {
            const B v2 = simd::load(x + 2 * step + j), v3 = simd::load(x + 3 * step + j);
            if constexpr (nan_tracked<Op, A>) sum = sum + ((v0 + v1) + (v2 + v3));
            return Op::template apply_batch<A>(Op::template apply_batch<A>(v0, v1), Op::template apply_batch<A>(v2, v3));
        }
    }
}

/// Folds `rows` input rows at x (`step` apart) into the accumulator row `row[j0..j1)`,
/// four rows per pass: one load and one store of the accumulator per four input
/// batches. max/min fold with the plain instruction and keep a running sum of the inputs
/// in a register: it is NaN when a NaN went by (or, rarely, infinities of both signs),
/// and only then are the rows scanned for NaN columns, recorded in `marks`.
template <class Op, class T, class A>
void fold_rows(const T* x, std::ptrdiff_t step, std::size_t rows, A* row, unsigned char* marks, std::size_t j0,
               std::size_t j1) noexcept {
    std::size_t jv = j0;  // the SIMD columns end here
    if constexpr (simd_reducible<Op, T, A>) {
        using B = simd::batch<A>;
        constexpr std::size_t w = simd::width<A>;
        jv = j0 + (j1 - j0) / w * w;
        B seen = simd::splat(A(0));
        const auto pass = [&]<std::size_t K>(const T* p) {
            for (std::size_t j = j0; j < jv; j += w)
                simd::store(row + j, Op::template apply_batch<A>(simd::load(row + j),
                                                                 fold_batches<K, Op, T, A>(p, step, j, seen)));
        };
        std::size_t i = 0;
        for (; i + 4 <= rows; i += 4) pass.template operator()<4>(x + static_cast<std::ptrdiff_t>(i) * step);
        if (i + 2 <= rows) {
            pass.template operator()<2>(x + static_cast<std::ptrdiff_t>(i) * step);
            i += 2;
        }
        if (i < rows) pass.template operator()<1>(x + static_cast<std::ptrdiff_t>(i) * step);
        if constexpr (nan_tracked<Op, A>) {
            const A total = simd::reduce_add<A>(seen);
            if (total != total) mark_nans(x, step, rows, marks, j0, jv);
        }
    }
    for (std::size_t i = 0; i < rows; ++i)  // scalar columns: Op::apply propagates NaN itself
        for (std::size_t j = jv; j < j1; ++j)
            row[j] = Op::apply(row[j], static_cast<A>(x[static_cast<std::ptrdiff_t>(i) * step + static_cast<std::ptrdiff_t>(j)]));
}

/// Outer-axes kernel: the innermost dimension of `l` is kept with unit input stride.
/// Whole rows stream past an accumulator row, four at a time, in column chunks that
/// keep the accumulator in L1; the rows of the innermost reduced dimension are walked
/// inside one call (four rows per pass: bench/README.md, "Reductions along outer axes").
template <class Op, class T, class A>
void reduce_outer_axes(const T* in, const reduce_layout& l, A* out) {
    std::array<const reduce_dim*, 64> kept{}, red{};
    std::size_t nk = 0, nr = 0;
    for (std::size_t i = 0; i + 1 < l.m_count; ++i) (l.m_dims[i].reduced ? red[nr++] : kept[nk++]) = &l.m_dims[i];
    const reduce_dim& inner = l.m_dims[l.m_count - 1];
    const std::size_t n = inner.n;
    const bool direct = inner.out == 1;
    aligned_buffer<A> scratch(direct ? 0 : n, aligned_buffer<A>::uninitialized);
    aligned_buffer<unsigned char> marks(nan_tracked<Op, A> ? n : 0, aligned_buffer<unsigned char>::uninitialized);
    constexpr std::size_t chunk = 8192 / sizeof(A);
    const reduce_dim single{1, 0, 0, true};  // no reduced dimension left: one row each
    if (nr == 0) red[nr++] = &single;
    const reduce_dim& rows = *red[nr - 1];  // the innermost reduced dimension, folded by fold_rows
    for_each_offset(kept.data(), nk, [&](std::ptrdiff_t kin, std::ptrdiff_t kout) {
        A* row = direct ? out + kout : scratch.data();
        std::fill(row, row + n, Op::template identity<A>());
        if constexpr (nan_tracked<Op, A>) std::fill(marks.data(), marks.data() + n, static_cast<unsigned char>(0));
        for (std::size_t j0 = 0; j0 < n; j0 += chunk) {
            const std::size_t j1 = std::min(n, j0 + chunk);
            for_each_offset(red.data(), nr - 1, [&](std::ptrdiff_t rin, std::ptrdiff_t) {
                fold_rows<Op, T, A>(in + kin + rin, rows.in, rows.n, row, marks.data(), j0, j1);
            });
        }
        if constexpr (nan_tracked<Op, A>)
            for (std::size_t j = 0; j < n; ++j)
                if (marks.data()[j] != 0) row[j] = std::numeric_limits<A>::quiet_NaN();
        if (!direct)
            for (std::size_t j = 0; j < n; ++j) out[kout + static_cast<std::ptrdiff_t>(j) * inner.out] = row[j];
    });
}

/// Reduces `axes` of the strided array (in, shape, strides) into the row-major result
/// `out` (every extent non-zero). Returns false, writing nothing, when the innermost
/// dimension in memory order is not unit-stride (the caller copies the operand first).
/// `t`: the processor tuning whose loops run.
template <class Op, class T, class A>
bool reduce_strided(const T* in, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                    axis_set axes, A* out, const arch::tuning& t = arch::this_processor()) {
    const reduce_layout l = make_reduce_layout(shape, strides, axes);
    if (l.m_count == 0) {
        out[0] = Op::apply(Op::template identity<A>(), static_cast<A>(in[0]));
        return true;
    }
    const reduce_dim& inner = l.m_dims[l.m_count - 1];
    if (inner.in != 1) return false;
    if (inner.reduced) reduce_contiguous_axis<Op, T, A>(in, l, out, t);
    else reduce_outer_axes<Op, T, A>(in, l, out);
    return true;
}

}  // namespace tmath::detail
