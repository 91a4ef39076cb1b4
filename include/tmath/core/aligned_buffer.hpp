#pragma once
/// @file aligned_buffer.hpp
/// Owning, SIMD-aligned, uninitialized-capable storage for trivially copyable elements.

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Heap block of `size()` elements of T aligned to TMATH_ALIGNMENT bytes.
/// Elements are value-initialized unless constructed with `uninitialized`.
template <class T>
class aligned_buffer {
    static_assert(std::is_trivially_copyable_v<T>, "tmath tensors hold trivially copyable elements");

public:
    /// Tag selecting the constructor that leaves elements uninitialized.
    struct uninitialized_t {};
    static constexpr uninitialized_t uninitialized{};

    aligned_buffer() noexcept = default;
    /// `n` zero-initialized elements.
    explicit aligned_buffer(std::size_t n) : aligned_buffer(n, uninitialized) {
        for (std::size_t i = 0; i < n; ++i) m_data[i] = T{};
    }
    /// `n` uninitialized elements.
    aligned_buffer(std::size_t n, uninitialized_t) : m_data(allocate(n)), m_size(n) {}
    aligned_buffer(const aligned_buffer& o) : aligned_buffer(o.m_size, uninitialized) {
        for (std::size_t i = 0; i < m_size; ++i) m_data[i] = o.m_data[i];
    }
    aligned_buffer(aligned_buffer&& o) noexcept
        : m_data(std::exchange(o.m_data, nullptr)), m_size(std::exchange(o.m_size, 0)) {}
    aligned_buffer& operator=(const aligned_buffer& o) {
        if (this != &o) {
            if (m_size == o.m_size) {
                for (std::size_t i = 0; i < m_size; ++i) m_data[i] = o.m_data[i];
            } else {
                aligned_buffer copy(o);
                swap(copy);
            }
        }
        return *this;
    }
    aligned_buffer& operator=(aligned_buffer&& o) noexcept {
        aligned_buffer moved(std::move(o));
        swap(moved);
        return *this;
    }
    ~aligned_buffer() { deallocate(m_data); }

    void swap(aligned_buffer& o) noexcept {
        std::swap(m_data, o.m_data);
        std::swap(m_size, o.m_size);
    }

    T* data() noexcept { return m_data; }
    const T* data() const noexcept { return m_data; }
    std::size_t size() const noexcept { return m_size; }

private:
    static T* allocate(std::size_t n) {
        if (n == 0) return nullptr;
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{TMATH_ALIGNMENT}));
    }
    static void deallocate(T* p) noexcept {
        if (p) ::operator delete(p, std::align_val_t{TMATH_ALIGNMENT});
    }

    T* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace tmath
