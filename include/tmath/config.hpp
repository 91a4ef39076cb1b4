#pragma once
/// @file config.hpp
/// Compile-time configuration of tmath. Every macro may be defined by the user
/// before the first tmath include to override the default.

#include <cstddef>

#include "tmath/version.hpp"

/// The inline namespace that holds every tmath name (`tmath::TMATH_ABI_NAMESPACE::...`;
/// users still write `tmath::tensor`). It gives each build mode its own symbol names:
/// the compiled component `tmath::kernels` compiles the headers once per instruction set
/// with `-DTMATH_ABI_NAMESPACE=kernels_avx2` (etc.), so that an inline function compiled
/// with AVX-512 instructions there is never the copy the linker keeps for user code
/// compiled for SSE2 (same name: the linker keeps any one of them). Every header opens
/// `namespace tmath::inline TMATH_ABI_NAMESPACE` and includes this file first.
/// Users of the component (TMATH_KERNELS) get `v1_kernels`: there, GEMM, dot, sum, softmax and
/// the math functions' flat runs of float and double call the component instead of
/// instantiating the kernels, so the same inline functions have other bodies than in a
/// header-only TU of the same program, and must not share their names with them.
#ifndef TMATH_ABI_NAMESPACE
#if defined(TMATH_KERNELS)
#define TMATH_ABI_NAMESPACE v1_kernels
#else
#define TMATH_ABI_NAMESPACE v1
#endif
#endif

/// Number of dimensions a shape or stride list stores inline (no heap allocation).
#ifndef TMATH_INLINE_RANK
#define TMATH_INLINE_RANK 8
#endif

/// Alignment, in bytes, of tensor storage. 64 covers AVX-512 and a cache line.
#ifndef TMATH_ALIGNMENT
#define TMATH_ALIGNMENT 64
#endif

/// Bytes of a cache line, for prefetch steps and line-sized chunks (a power of two):
/// 64 on every x86-64 and Arm Neoverse / Cortex core. The tuning record (arch/) carries
/// it per family.
#ifndef TMATH_CACHE_LINE
#define TMATH_CACHE_LINE 64
#endif

/// Columns, in elements, of the 2-D tiles used by the strided evaluation loop; the
/// rows are as many as fit an operand's scratch (16 rows of 128 floats with the default
/// scratch: whole 16 x 16 blocks for the in-register transposes, and half the per-tile
/// overhead of 64 columns; bench/README.md, "Transposed operands").
#ifndef TMATH_STRIDED_TILE
#define TMATH_STRIDED_TILE 128
#endif

/// Capacity, in bytes, of the per-operand scratch used to replicate broadcast
/// operands (one SIMD batch), short periodic rows (several rows at once) and tiles
/// of transposed operands (the strided loop). It lives on the stack of the planned
/// (non-flat) assignment path only; the flat path does not use it.
#ifndef TMATH_OPERAND_SCRATCH_BYTES
#define TMATH_OPERAND_SCRATCH_BYTES 8192
#endif

/// Bytes of stack that the operand scratches of one planned assignment may take
/// together: an expression with more than TMATH_PLANNED_STACK_BYTES /
/// TMATH_OPERAND_SCRATCH_BYTES memory operands (8 by default) gives each a smaller
/// share (at least 1 KiB), so that threads with small stacks (musl: 128 KiB) can
/// evaluate long expressions. An aliased assignment goes through a temporary without
/// nesting two of these frames.
#ifndef TMATH_PLANNED_STACK_BYTES
#define TMATH_PLANNED_STACK_BYTES 65536
#endif

/// Bytes of short periodic rows grouped into one run (at most the scratch above); 4 KiB
/// groups stay in L1 beside the destination's lines (bench/README.md, "Short rows").
#ifndef TMATH_GROUP_BYTES
#define TMATH_GROUP_BYTES 4096
#endif
static_assert(TMATH_GROUP_BYTES <= TMATH_OPERAND_SCRATCH_BYTES, "grouped rows must fit the operand scratch");

/// Destinations of at least this many bytes are written with non-temporal (streaming)
/// stores by the element-wise loops: they would not stay in cache anyway (the generic
/// tuning record's `streaming_bytes`; also the size from which dot and GEMV prefetch).
#ifndef TMATH_STREAMING_BYTES
#define TMATH_STREAMING_BYTES (std::size_t{16} << 20)
#endif

/// `streaming_bytes` of Intel cores with AVX-512 (arch/intel.hpp).
#ifndef TMATH_INTEL_STREAMING_BYTES
#define TMATH_INTEL_STREAMING_BYTES (std::size_t{4} << 20)
#endif

/// Read-only passes over more than this many bytes (dot's two operands together, a
/// reduction's operand) read two streams side by side on the families whose tuning
/// turns two-stream reads on (arch/intel.hpp): past L2, where the prefetchers gain from it.
#ifndef TMATH_TWO_STREAM_BYTES
#define TMATH_TWO_STREAM_BYTES (std::size_t{1} << 20)
#endif

/// Flat element-wise runs whose operands and destination together exceed this many
/// bytes (past L1) use half-width batches in AVX-512 builds on the families whose
/// tuning turns them on (arch/intel.hpp): in L1 full-width batches are faster, past it
/// half-width ones.
#ifndef TMATH_HALF_WIDTH_BYTES
#define TMATH_HALF_WIDTH_BYTES (std::size_t{64} << 10)
#endif

/// Products with m·n·k below this run on one thread even when OpenMP is enabled.
#ifndef TMATH_GEMM_PARALLEL_THRESHOLD
#define TMATH_GEMM_PARALLEL_THRESHOLD (std::size_t{1} << 21)
#endif

/// The unpacked small-matrix GEMM path is taken on one thread when m·n·k is at most this
/// and k ≤ min(KC, 384): below it, packing B costs more than reading it in place.
#ifndef TMATH_GEMM_SMALL_THRESHOLD
#define TMATH_GEMM_SMALL_THRESHOLD (std::size_t{256} * 256 * 256)
#endif

/// 1 when large products run on OpenMP threads, else 0: the build asks for threads
/// (TMATH_USE_OPENMP, which the tmath::openmp CMake target defines, as does tmath's own
/// build with the CMake option TMATH_OPENMP=ON) and compiles OpenMP (-fopenmp: _OPENMP).
/// Derived here, never set by hand; the code tests only this.
#if defined(TMATH_USE_OPENMP) && defined(_OPENMP)
#define TMATH_OPENMP 1
#else
#define TMATH_OPENMP 0
#endif

/// Keeps a function out of line: rare or cold parts (the planned assignment path, GEMM
/// edge tiles and remainder columns) stay out of the fast paths that call them, whose
/// stack frames and hoisted setup then stay small.
#if defined(__GNUC__) || defined(__clang__)
#define TMATH_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define TMATH_NOINLINE __declspec(noinline)
#else
#define TMATH_NOINLINE
#endif

/// Forces a function inline (in place of `inline`): the innermost helpers of the kernels,
/// whose accumulators must stay in registers (a call, or a helper the compiler keeps out
/// of line in a large loop, sends them through memory), and the product entry points,
/// whose operand structs would otherwise go through the stack.
#if defined(__GNUC__) || defined(__clang__)
#define TMATH_FORCE_INLINE [[gnu::always_inline]] inline
#elif defined(_MSC_VER)
#define TMATH_FORCE_INLINE __forceinline
#else
#define TMATH_FORCE_INLINE inline
#endif

/// Forces a lambda's call operator inline, written after its parameter list
/// (`[&]() TMATH_FORCE_INLINE_LAMBDA { ... }`): a lambda that picks a SIMD kernel is
/// otherwise kept out of line in the unrolled element-wise loops, which then pass every
/// batch through memory. The GNU spelling: `[[gnu::always_inline]]` there would apply
/// to the lambda's type and be ignored.
#if defined(__GNUC__) || defined(__clang__)
#define TMATH_FORCE_INLINE_LAMBDA __attribute__((always_inline))
#else
#define TMATH_FORCE_INLINE_LAMBDA
#endif

/// Loop pragmas of the GEMM micro-kernel: TMATH_GEMM_UNROLL fully unrolls a loop with a
/// compile-time trip count (accumulator rows and columns); TMATH_GEMM_UNROLL_DEPTH unrolls
/// the loop over the depth four times, amortizing its pointer updates and branch
/// (bench/README.md, "GEMM depth unroll").
#if defined(__clang__)
#define TMATH_GEMM_UNROLL _Pragma("unroll")
#define TMATH_GEMM_UNROLL_DEPTH _Pragma("unroll 4")
#elif defined(__GNUC__)
#define TMATH_GEMM_UNROLL _Pragma("GCC unroll 32")
#define TMATH_GEMM_UNROLL_DEPTH _Pragma("GCC unroll 4")
#else
#define TMATH_GEMM_UNROLL
#define TMATH_GEMM_UNROLL_DEPTH
#endif

/// Define TMATH_NO_SIMD to force the scalar fallback everywhere (testing aid).
