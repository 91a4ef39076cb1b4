#pragma once
/// @file outer_axes.hpp
/// The outer-axes reduction kernel: the innermost dimension is kept, and whole rows
/// stream past an accumulator row four at a time (vertical SIMD, never element by
/// element across strides). max/min track NaN with a running sum and mark NaN columns
/// only when one went by.

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>

#include "tmath/config.hpp"
#include "tmath/core/aligned_buffer.hpp"
#include "tmath/reduce/layout.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

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

}  // namespace tmath::detail
