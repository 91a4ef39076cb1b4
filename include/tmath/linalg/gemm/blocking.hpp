#pragma once
/// @file blocking.hpp
/// The packed GEMM path: BLIS's five loops around the micro-kernel. JC splits N by NC,
/// PC splits K by KC (B's KC × NC block packed into NR-wide panels, shared by the
/// threads), IC splits M by MC (A's MC × KC block packed into MR-tall panels, one
/// buffer per thread), then JR over NR panels and IR over MR panels.
///
/// With OpenMP (TMATH_OPENMP, config.hpp) products of at least
/// TMATH_GEMM_PARALLEL_THRESHOLD multiply-adds share the packing of B by panels, and
/// deal out the rows of C in chunks of whole MR panels. The K
/// partition and the tile grid do not depend on the thread count, so every element of
/// C is computed by the same operations in the same order: results are bitwise equal
/// for any number of threads.

#include <algorithm>
#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/linalg/gemm/buffer.hpp"
#include "tmath/linalg/gemm/microkernel.hpp"
#include "tmath/linalg/gemm/pack.hpp"
#include "tmath/linalg/gemm/traits.hpp"
#include "tmath/linalg/strided_matrix.hpp"

#if TMATH_OPENMP
#include <omp.h>
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// JR and IR loops: C(mc × nc) = beta·C + Ap(mc × kc)·Bp(kc × nc) from packed panels.
template <class T, std::size_t MV, std::size_t NR>
void macro_kernel(std::size_t mc, std::size_t nc, std::size_t kc, const T* ap, const T* bp, T beta,
                  strided_matrix<T> c) noexcept {
    constexpr std::size_t mr = MV * simd::width<T>;
    for (std::size_t jr = 0; jr < nc; jr += NR) {
        const T* bpanel = bp + jr * kc;
        const std::size_t cols = std::min(NR, nc - jr);
        for (std::size_t ir = 0; ir < mc; ir += mr) {
            micro_kernel<T, MV, NR, true>(kc, ap + ir * kc, static_cast<std::ptrdiff_t>(mr), bpanel, 0, 0, beta, element_ptr(c, ir, jr), c.row_stride,
                                          c.col_stride, std::min(mr, mc - ir), cols);
        }
    }
}

/// How the packed path deals out the rows of C: `chunks` chunks of whole MR panels whose
/// sizes differ by at most one panel, the larger ones first. Their number is the fewest
/// that keeps each chunk within MC rows, rounded up to a multiple of the team size, so
/// that every thread gets the same share (with MC 384 and two threads, m = 2048 in
/// chunks of 384 would leave the threads 1152 and 896 rows). Larger chunks first,
/// because the chunks are dealt out dynamically: 32 panels in chunks of 5, 5, 6, 5, 5, 6
/// leave one thread the last chunk while the other waits (17 panel-times against 16);
/// 6, 6, 5, 5, 5, 5 do not (bench/README.md, "Row split of the threaded GEMM").
/// The chunk edges fall on MR panels, so the tile grid (and every element's arithmetic)
/// is the same for any team.
struct gemm_row_split {
    std::size_t m;       ///< rows of C
    std::size_t mr;      ///< rows of a panel
    std::size_t panels;  ///< MR panels of the m rows
    std::size_t chunks;  ///< how many chunks

    /// First row of chunk q (q ≤ chunks; chunk `chunks` begins at m): the first
    /// panels % chunks chunks have one panel more than the others.
    std::size_t begin(std::size_t q) const noexcept {
        return std::min(m, (q * (panels / chunks) + std::min(q, panels % chunks)) * mr);
    }
    /// Rows of the largest chunk (what one A buffer slice must hold).
    std::size_t max_rows() const noexcept { return (panels + chunks - 1) / chunks * mr; }
};

/// The row split of an m-row product for `threads` threads and blocks of `mc` rows.
template <class T>
constexpr gemm_row_split gemm_split_rows(std::size_t m, std::size_t threads, std::size_t mc) noexcept {
    constexpr std::size_t mr = gemm_traits<T>::mr;
    const std::size_t panels = (m + mr - 1) / mr;
    const std::size_t per_block = std::max<std::size_t>(1, mc / mr);  // panels in an MC block
    const std::size_t blocks = (panels + per_block - 1) / per_block;
    const std::size_t chunks = std::min(panels, (blocks + threads - 1) / threads * threads);
    return {m, mr, panels, std::max<std::size_t>(1, chunks)};
}

/// The work of one thread of the packed path (or of the only one) on C's `rows.m` rows.
/// Every thread of the team calls it: the B panels `bp` are shared and packed by all,
/// then the chunks of `rows` are dealt out (dynamically, so that a thread slowed down
/// by other load takes fewer), each packed into the thread's own slice `ap` of the A
/// buffer.
template <class T>
void gemm_packed_thread(std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                        strided_matrix<const T> b, T beta, strided_matrix<T> c, T* bp, T* ap, gemm_row_split rows,
                        gemm_blocks blocks) {
    using tr = gemm_traits<T>;
    constexpr std::size_t mr = tr::mr, nr = tr::nr;
    const std::size_t kc_max = blocks.kc, nc_max = blocks.nc;
    constexpr std::size_t mv = mr / simd::width<T>;
    const auto chunks = static_cast<std::ptrdiff_t>(rows.chunks);

    for (std::size_t jc = 0; jc < n; jc += nc_max) {
        const std::size_t nc = std::min(nc_max, n - jc);
        const std::ptrdiff_t b_panels = static_cast<std::ptrdiff_t>((nc + nr - 1) / nr);
        for (std::size_t pc = 0; pc < k; pc += kc_max) {
            const std::size_t kc = std::min(kc_max, k - pc);
            const T beta_block = pc == 0 ? beta : T(1);
#if TMATH_OPENMP
#pragma omp for schedule(dynamic, 8)
#endif
            for (std::ptrdiff_t q = 0; q < b_panels; ++q) {
                const std::size_t j0 = static_cast<std::size_t>(q) * nr;
                pack_b<T, nr>(kc, std::min(nr, nc - j0), sub_matrix(b, pc, jc + j0), bp + j0 * kc);
            }
            // (the implicit barrier of `omp for`: B is packed)
#if TMATH_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
            for (std::ptrdiff_t q = 0; q < chunks; ++q) {
                const std::size_t ic = rows.begin(static_cast<std::size_t>(q));
                const std::size_t mc = rows.begin(static_cast<std::size_t>(q) + 1) - ic;
                pack_a<T, mr>(mc, kc, sub_matrix(a, ic, pc), alpha, ap);
                macro_kernel<T, mv, nr>(mc, nc, kc, ap, bp, beta_block, sub_matrix(c, ic, jc));
            }
            // (the implicit barrier again: nobody packs the next B block while it is read)
        }
    }
}

/// Threads the packed path uses for an m × n × k product (1 without OpenMP). Which
/// path runs may depend on it, the bits of the result do not: for k ≤ KC the small and
/// packed paths do the same operations on every element.
inline std::size_t gemm_threads([[maybe_unused]] std::size_t m, [[maybe_unused]] std::size_t n,
                                [[maybe_unused]] std::size_t k, [[maybe_unused]] std::size_t mr) {
#if TMATH_OPENMP
    if (omp_in_parallel() || m * n * k < TMATH_GEMM_PARALLEL_THRESHOLD) return 1;
    const std::size_t panels = (m + mr - 1) / mr;
    return std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(omp_get_max_threads()), panels));
#else
    return 1;
#endif
}

/// C = alpha·A·B + beta·C through packed panels with the cache blocks `blocks` (k ≥ 1,
/// C's row stride preferably 1).
template <class T>
void gemm_packed(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                 strided_matrix<const T> b, T beta, strided_matrix<T> c, gemm_blocks blocks) {
    using tr = gemm_traits<T>;
    static_assert(tr::mr % simd::width<T> == 0 && tr::mr > 0, "gemm_traits: mr must be a multiple of the SIMD width");
    // All buffers come from the calling thread, before any team starts (an allocation
    // failure throws here, not inside a parallel region): the shared B panels, and one
    // 64-byte aligned slice of A panels per thread.
    const std::size_t threads = gemm_threads(m, n, k, tr::mr);
    const std::size_t kc = std::min(blocks.kc, k);
    const std::size_t nc_alloc = (std::min(blocks.nc, n) + tr::nr - 1) / tr::nr * tr::nr;
    T* bp = thread_buffer(gemm_buffer_role::packed_b).get<T>(nc_alloc * kc);
    const gemm_row_split rows = gemm_split_rows<T>(m, threads, blocks.mc);
    constexpr std::size_t line = gemm_buffer::alignment / sizeof(T) > 0 ? gemm_buffer::alignment / sizeof(T) : 1;
    const std::size_t slice = (rows.max_rows() * kc + line - 1) / line * line;
    T* ap = thread_buffer(gemm_buffer_role::packed_a).get<T>(slice * threads);
#if TMATH_OPENMP
    if (threads > 1) {
#pragma omp parallel num_threads(static_cast<int>(threads))
        gemm_packed_thread(n, k, alpha, a, b, beta, c, bp, ap + static_cast<std::size_t>(omp_get_thread_num()) * slice,
                           rows, blocks);  // (a smaller team than asked for still fits the slices)
        return;
    }
#endif
    gemm_packed_thread(n, k, alpha, a, b, beta, c, bp, ap, rows, blocks);
}


}  // namespace tmath::detail
