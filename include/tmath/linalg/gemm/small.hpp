#pragma once
/// @file small.hpp
/// The small-product path: no blocking and no packing of B. The micro-kernel reads B in
/// place with its own strides, and A in place too when its columns are contiguous and
/// alpha is 1 (and, for 64 columns of C or more, SIMD-aligned); otherwise (and for a
/// last partial MR-row panel) A is packed once (alpha folded in, rows zero-padded).
/// Columns past the last whole NR block are done by narrower kernels (half as wide each
/// time, down to one column), so nothing of B is copied. With AVX-512 the kernels are
/// one, two or four SIMD batches tall, as the tuning record says (see gemm_small);
/// otherwise, when C has at most one SIMD batch of rows, a one-batch-tall kernel with
/// more columns is used.

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "tmath/config.hpp"
#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/linalg/gemm/buffer.hpp"
#include "tmath/linalg/gemm/microkernel.hpp"
#include "tmath/linalg/gemm/pack.hpp"
#include "tmath/linalg/gemm/traits.hpp"
#include "tmath/linalg/strided_matrix.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Columns of the one-batch-tall small kernel. B is read in place, each column at its
/// own runtime offset, so more columns than free general registers (about 10) spill the
/// offsets: 8 columns (bench/README.md, "Small products").
template <class T>
inline constexpr std::size_t gemm_small_nr = 8;

/// Where the A rows of one MR-row panel come from.
template <class T>
struct small_panel {
    const T* data;         ///< A(ir, 0) in place, or the packed panel
    std::ptrdiff_t step;   ///< elements from column p to p + 1
};

/// small_columns with NR-column kernels, out of line (the narrower kernels of a panel's tail).
template <class T, std::size_t MV, std::size_t NR>
TMATH_NOINLINE void small_columns_tail(std::size_t j0, std::size_t n, std::size_t k, const T* a,
                                            std::ptrdiff_t astep, const T* b, std::ptrdiff_t brs, std::ptrdiff_t bcs,
                                            T beta, T* c, std::ptrdiff_t crs, std::ptrdiff_t ccs, std::size_t rows);

/// Columns [j0, n) of one MR-row panel: whole NR blocks, then narrower kernels (out of
/// line, so that their setup stays out of the whole blocks' loop). A(:, p) is at a + p·astep;
/// B(p, j) at b[p·brs + j·bcs]; C(i, j) at c[i·crs + j·ccs].
template <class T, std::size_t MV, std::size_t NR>
TMATH_FORCE_INLINE void small_columns(std::size_t j0, std::size_t n, std::size_t k, const T* a, std::ptrdiff_t astep,
                                      const T* b, std::ptrdiff_t brs, std::ptrdiff_t bcs, T beta, T* c,
                                      std::ptrdiff_t crs, std::ptrdiff_t ccs, std::size_t rows) {
    std::size_t j = j0;
    for (; j + NR <= n; j += NR) {
        micro_kernel<T, MV, NR, false>(k, a, astep, b + static_cast<std::ptrdiff_t>(j) * bcs, brs, bcs, beta,
                                       c + static_cast<std::ptrdiff_t>(j) * ccs, crs, ccs, rows, NR);
    }
    if constexpr (NR > 1) {
        if (j < n) small_columns_tail<T, MV, (NR > 8 ? 8 : NR / 2)>(j, n, k, a, astep, b, brs, bcs, beta, c, crs, ccs, rows);
    }
}

template <class T, std::size_t MV, std::size_t NR>
TMATH_NOINLINE void small_columns_tail(std::size_t j0, std::size_t n, std::size_t k, const T* a,
                                            std::ptrdiff_t astep, const T* b, std::ptrdiff_t brs, std::ptrdiff_t bcs,
                                            T beta, T* c, std::ptrdiff_t crs, std::ptrdiff_t ccs, std::size_t rows) {
    small_columns<T, MV, NR>(j0, n, k, a, astep, b, brs, bcs, beta, c, crs, ccs, rows);
}

/// True when every column of `a` starts on a SIMD-aligned address.
template <class T>
bool aligned_columns(strided_matrix<const T> a) noexcept {
    constexpr auto align = static_cast<std::ptrdiff_t>(simd::arch_alignment);
    return reinterpret_cast<std::uintptr_t>(a.data) % simd::arch_alignment == 0 &&
           a.col_stride * static_cast<std::ptrdiff_t>(sizeof(T)) % align == 0;
}

/// C = alpha·A·B + beta·C with MV-batch-tall kernels over unpacked B. From
/// `t.small_gemm_pack_misaligned_columns` columns of C an A whose columns are not
/// SIMD-aligned is packed (each A panel is read once per NR columns).
template <class T, std::size_t MV, std::size_t NR>
TMATH_FORCE_INLINE void gemm_unpacked(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                   strided_matrix<const T> b, T beta, strided_matrix<T> c, const arch::tuning& t) {
    constexpr std::size_t mr = MV * simd::width<T>;
    const bool in_place =
        a.row_stride == 1 && alpha == T(1) && (n < t.small_gemm_pack_misaligned_columns || aligned_columns(a));
    const std::size_t whole = m / mr * mr;
    const std::size_t packed_rows = in_place ? m - whole : m;
    T* ap = nullptr;
    if (packed_rows != 0) {
        ap = thread_buffer(gemm_buffer_role::packed_a).get<T>((packed_rows + mr - 1) / mr * mr * k);
        pack_a<T, mr>(packed_rows, k, sub_matrix(a, m - packed_rows, 0), alpha, ap);
    }
    for (std::size_t ir = 0; ir < m; ir += mr) {
        const small_panel<T> panel =
            in_place && ir < whole ? small_panel<T>{element_ptr(a, ir, 0), a.col_stride}
                                   : small_panel<T>{ap + (ir - (m - packed_rows)) * k, static_cast<std::ptrdiff_t>(mr)};
        small_columns<T, MV, NR>(0, n, k, panel.data, panel.step, b.data, b.row_stride, b.col_stride, beta,
                                 element_ptr(c, ir, 0), c.row_stride, c.col_stride, std::min(mr, m - ir));
    }
}

/// The taller panels of `small_gemm_kernels::tallest_first` (cores with two FMA units):
/// whole four-batch panels by 4 × 6 kernels, then a two-batch panel by 2 × 8. Returns
/// the rows done; the rest (fewer than two batches) are one-batch rows, done by 1 × 8.
/// A one-batch kernel issues one batch load and 8 broadcast loads per 8 FMAs, which
/// leaves two FMA units waiting on loads; four batches and 6 broadcasts per 24 FMAs do not.
template <class T>
TMATH_FORCE_INLINE std::size_t gemm_small_tall_panels(std::size_t m, std::size_t n, std::size_t k, T alpha,
                                                      strided_matrix<const T> a, strided_matrix<const T> b, T beta,
                                                      strided_matrix<T> c, const arch::tuning& t) {
    constexpr std::size_t w = simd::width<T>;
    const std::size_t m4 = m / (4 * w) * (4 * w);
    const std::size_t m2 = m4 + (m - m4) / (2 * w) * (2 * w);
    if (m4 != 0) gemm_unpacked<T, 4, 6>(m4, n, k, alpha, a, b, beta, c, t);
    if (m2 != m4)
        gemm_unpacked<T, 2, gemm_small_nr<T>>(m2 - m4, n, k, alpha, sub_matrix(a, m4, 0), b, beta, sub_matrix(c, m4, 0), t);
    return m2;
}

/// The small path of `small_gemm_kernels::tallest_first`: gemm_small_tall_panels, then
/// the one-batch rows left by 1 × 8 kernels.
template <class T>
TMATH_FORCE_INLINE void gemm_small_tall(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                     strided_matrix<const T> b, T beta, strided_matrix<T> c, const arch::tuning& t) {
    const std::size_t m2 = gemm_small_tall_panels<T>(m, n, k, alpha, a, b, beta, c, t);
    if (m != m2)
        gemm_unpacked<T, 1, gemm_small_nr<T>>(m - m2, n, k, alpha, sub_matrix(a, m2, 0), b, beta, sub_matrix(c, m2, 0), t);
}

/// The small path: the kernels `t.small_gemm` names. Taller kernels need 32 vector
/// registers beside B's broadcasts; with 16, `tallest_first` and `one_batch` run as
/// `micro_kernel_shape` (one-batch-tall only when C has at most one batch of rows).
/// Each kernel shape is inlined at one call only (the one-batch kernel serves three
/// cases: the rows `tallest_first` leaves, `one_batch`, and C of one batch of rows).
template <class T>
TMATH_FORCE_INLINE void gemm_small(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                strided_matrix<const T> b, T beta, strided_matrix<T> c, const arch::tuning& t = arch::this_processor()) {
    using tr = gemm_traits<T>;
    if constexpr (simd::width<T> > 1) {
        std::size_t done = 0;  // rows done by taller kernels
        bool one_batch = m <= simd::width<T>;
        if constexpr (simd::vector_registers >= 32) {
            if (t.small_gemm == arch::small_gemm_kernels::tallest_first) {
                done = gemm_small_tall_panels<T>(m, n, k, alpha, a, b, beta, c, t);
                one_batch = true;
            } else if (t.small_gemm == arch::small_gemm_kernels::one_batch) {
                one_batch = true;
            }
        }
        if (one_batch) {
            if (m != done)
                gemm_unpacked<T, 1, gemm_small_nr<T>>(m - done, n, k, alpha, sub_matrix(a, done, 0), b, beta,
                                                      sub_matrix(c, done, 0), t);
            return;
        }
    }
    gemm_unpacked<T, tr::mr / simd::width<T>, tr::nr>(m, n, k, alpha, a, b, beta, c, t);
}

}  // namespace tmath::detail
