#pragma once
/// @file config.hpp
/// Compile-time configuration of tmath. Every macro may be defined by the user
/// before the first tmath include to override the default.

#include <cstddef>

#include "tmath/version.hpp"

/// Number of dimensions a shape or stride list stores inline (no heap allocation).
#ifndef TMATH_INLINE_RANK
#define TMATH_INLINE_RANK 8
#endif

/// Alignment, in bytes, of tensor storage. 64 covers AVX-512 and a cache line.
#ifndef TMATH_ALIGNMENT
#define TMATH_ALIGNMENT 64
#endif

/// Columns, in elements, of the 2-D tiles used by the strided evaluation loop; the
/// rows are as many as fit an operand's scratch (16 floats: one cache line).
#ifndef TMATH_STRIDED_TILE
#define TMATH_STRIDED_TILE 64
#endif

/// Capacity, in bytes, of the per-operand scratch used to replicate broadcast
/// operands (one SIMD batch), short periodic rows (several rows at once) and tiles
/// of transposed operands (the strided loop). It lives on the stack.
#ifndef TMATH_OPERAND_SCRATCH_BYTES
#define TMATH_OPERAND_SCRATCH_BYTES 4096
#endif

/// Destinations of at least this many bytes are written with non-temporal (streaming)
/// stores by the contiguous loops: they would not stay in cache anyway.
#ifndef TMATH_STREAMING_BYTES
#define TMATH_STREAMING_BYTES (std::size_t{16} << 20)
#endif

/// Keeps a function out of line: the rare, heavy paths (planning, temporaries) stay out
/// of the fast paths that call them, whose stack frames then stay small.
#if defined(__GNUC__) || defined(__clang__)
#define TMATH_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define TMATH_NOINLINE __declspec(noinline)
#else
#define TMATH_NOINLINE
#endif

/// Define TMATH_NO_SIMD to force the scalar fallback everywhere (testing aid).
