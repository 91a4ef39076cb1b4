#pragma once
/// @file functors.hpp
/// Element-wise functors: plain structs with a scalar call and a batch call.
/// `result<Ts...>` gives the element type they produce from operand types Ts.

#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::fn {

/// A SIMD batch (or its scalar stand-in), as opposed to a plain element.
template <class B>
concept simd_batch = requires { typename B::value_type; B::size; } && !arithmetic<B>;

/// Batches per iteration of the contiguous row loops for an expression: four.
inline constexpr std::ptrdiff_t default_batch_unroll = 4;

/// The same for an expression holding a long SIMD kernel (log, sin, cos, tan, tanh,
/// sigmoid): one where the build has 16 vector registers (SSE2, AVX2), where four copies
/// of such a kernel per iteration ran slower than one (bench/README.md, "Loop unroll of
/// long kernels"); the default where it has 32.
inline constexpr std::ptrdiff_t long_kernel_unroll = simd::vector_registers >= 32 ? default_batch_unroll : 1;

/// Base of the functors with a long SIMD kernel: gives them long_kernel_unroll.
struct long_kernel {
    static constexpr std::ptrdiff_t batch_unroll = long_kernel_unroll;
};

/// The `batch_unroll` of a functor or evaluator type T where it has one, else the default.
template <class T>
constexpr std::ptrdiff_t batch_unroll_of() noexcept {
    if constexpr (requires { T::batch_unroll; }) return T::batch_unroll;
    else return default_batch_unroll;
}

/// Base for arithmetic functors: the result promotes like std::common_type.
struct arithmetic_result {
    template <class... Ts>
    using result = std::common_type_t<Ts...>;
    /// True when the batch overload is worth using for element type T.
    template <class T>
    static constexpr bool vectorizes = simd::has_native_batch<T>;
};

/// a + b
struct plus : arithmetic_result {
    static constexpr const char* name = "add";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a + b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a + b; }
};

/// a - b
struct minus : arithmetic_result {
    static constexpr const char* name = "subtract";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a - b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a - b; }
};

/// a * b (the Hadamard product of tensors)
struct multiplies : arithmetic_result {
    static constexpr const char* name = "multiply";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a * b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a * b; }
};

/// a / b (truncating for integers, as in C++)
struct divides : arithmetic_result {
    static constexpr const char* name = "divide";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a / b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept {
        using T = typename B::value_type;
        if constexpr (std::is_floating_point_v<T>) return simd::div(a, b);
        else return simd::lanewise<T>(a, b, [](T x, T y) { return static_cast<T>(x / y); });
    }
};

/// -a
struct negate : arithmetic_result {
    static constexpr const char* name = "negative";
    template <arithmetic T>
    T operator()(T a) const noexcept { return static_cast<T>(-a); }
    template <simd_batch B>
    B operator()(const B& a) const noexcept { return -a; }
};

}  // namespace tmath::fn
