#pragma once
/// @file buffer.hpp
/// Packing buffers of the product kernels: 64-byte aligned, one set per thread, grown
/// only when a call needs more than any earlier call on that thread, so that repeated
/// products allocate nothing after the first.

#include <cstddef>
#include <new>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A growable TMATH_ALIGNMENT-byte aligned scratch area. Its contents are not kept when it grows.
class gemm_buffer {
public:
    /// Alignment of the storage, in bytes (a cache line, and an AVX-512 register).
    static constexpr std::size_t alignment = TMATH_ALIGNMENT;

    gemm_buffer() = default;
    gemm_buffer(const gemm_buffer&) = delete;
    gemm_buffer& operator=(const gemm_buffer&) = delete;
    ~gemm_buffer() { release(); }

    /// Storage for at least `count` elements of T (trivial types only).
    template <class T>
    T* get(std::size_t count) {
        const std::size_t bytes = (count * sizeof(T) + alignment - 1) / alignment * alignment;
        if (bytes > m_capacity) {
            release();
            m_data = ::operator new(bytes, std::align_val_t{alignment});
            m_capacity = bytes;
        }
        return static_cast<T*>(m_data);
    }

    /// Bytes currently reserved.
    std::size_t capacity() const noexcept { return m_capacity; }

private:
    void release() noexcept {
        if (m_data != nullptr) ::operator delete(m_data, std::align_val_t{alignment});
        m_data = nullptr;
        m_capacity = 0;
    }

    void* m_data = nullptr;
    std::size_t m_capacity = 0;
};

/// What a per-thread buffer holds.
enum class gemm_buffer_role { packed_a = 0, packed_b = 1, scratch = 2 };

/// The calling thread's buffer for `role` (threads of an OpenMP team each have their own).
inline gemm_buffer& thread_buffer(gemm_buffer_role role) {
    thread_local gemm_buffer buffers[3];
    return buffers[static_cast<int>(role)];
}

}  // namespace tmath::detail
