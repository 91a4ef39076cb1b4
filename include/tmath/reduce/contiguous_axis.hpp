#pragma once
/// @file contiguous_axis.hpp
/// The contiguous-axis reduction kernel: the innermost (unit-stride) dimension is
/// reduced, four SIMD accumulators per result element over every reduced run, then one
/// horizontal reduce. A run that the tuning record reads as two streams is folded as its
/// halves side by side, and rows reduced one by one from an operand that large two at a
/// time.

#include <array>
#include <cstddef>

#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/reduce/layout.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

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

}  // namespace tmath::detail
