#pragma once
/// @file small.hpp
/// The small-product path: no blocking and no packing of B. A (at most a few KiB) is
/// packed once into MR-tall panels (alpha folded in, rows zero-padded), and the
/// micro-kernel reads B in place with its own strides; only a last partial NR-wide
/// column block of B is copied into a zero-padded panel. When C has at most one SIMD
/// batch of rows, a one-batch-tall kernel with more columns is used instead.

#include <algorithm>
#include <cstddef>

#include "tmath/linalg/gemm/buffer.hpp"
#include "tmath/linalg/gemm/microkernel.hpp"
#include "tmath/linalg/gemm/pack.hpp"
#include "tmath/linalg/gemm/traits.hpp"
#include "tmath/linalg/strided_matrix.hpp"

namespace tmath::detail {

/// Columns of the one-batch-tall small kernel: as many accumulators as registers allow.
template <class T>
inline constexpr std::size_t gemm_small_nr = gemm_vector_registers<T> == 32 ? 16 : 8;

/// C = alpha·A·B + beta·C with an MV-batch-tall, NR-wide kernel over unpacked B.
template <class T, std::size_t MV, std::size_t NR>
void gemm_unpacked(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                   strided_matrix<const T> b, T beta, strided_matrix<T> c) {
    constexpr std::size_t mr = MV * simd::width<T>;
    T* ap = thread_buffer(gemm_buffer_role::packed_a).get<T>((m + mr - 1) / mr * mr * k);
    pack_a<T, mr>(m, k, a, alpha, ap);
    std::size_t jr = 0;
    for (; jr + NR <= n; jr += NR) {
        const T* bj = element_ptr(b, 0, jr);
        for (std::size_t ir = 0; ir < m; ir += mr) {
            micro_kernel<T, MV, NR, false>(k, ap + ir * k, bj, b.row_stride, b.col_stride, beta, element_ptr(c, ir, jr),
                                           c.row_stride, c.col_stride, std::min(mr, m - ir), NR);
        }
    }
    if (jr < n) {
        T* bp = thread_buffer(gemm_buffer_role::packed_b).get<T>(NR * k);
        pack_b<T, NR>(k, n - jr, {element_ptr(b, 0, jr), b.row_stride, b.col_stride}, bp);
        for (std::size_t ir = 0; ir < m; ir += mr) {
            micro_kernel<T, MV, NR, true>(k, ap + ir * k, bp, 0, 0, beta, element_ptr(c, ir, jr), c.row_stride,
                                          c.col_stride, std::min(mr, m - ir), n - jr);
        }
    }
}

/// The small path: picks the kernel shape by the number of rows.
template <class T>
void gemm_small(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                strided_matrix<const T> b, T beta, strided_matrix<T> c) {
    using tr = gemm_traits<T>;
    if constexpr (simd::width<T> > 1) {
        if (m <= simd::width<T>) {
            gemm_unpacked<T, 1, gemm_small_nr<T>>(m, n, k, alpha, a, b, beta, c);
            return;
        }
    }
    gemm_unpacked<T, tr::mr / simd::width<T>, tr::nr>(m, n, k, alpha, a, b, beta, c);
}

}  // namespace tmath::detail
