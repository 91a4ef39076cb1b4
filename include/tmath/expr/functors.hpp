#pragma once
/// @file functors.hpp
/// Element-wise functors: plain structs with a scalar call and a batch call.
/// `result<Ts...>` gives the element type they produce from operand types Ts.

#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::fn {

/// A SIMD batch (or its scalar stand-in), as opposed to a plain element.
template <class B>
concept simd_batch = requires { typename B::value_type; B::size; } && !arithmetic<B>;

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
