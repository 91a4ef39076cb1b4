#pragma once
/// @file small_vector.hpp
/// A vector that keeps up to N elements inline and spills to the heap beyond,
/// used for shapes and strides so that tensors up to rank N never allocate for them.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/range_access.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Contiguous sequence of trivially copyable T with N elements of inline storage.
template <class T, std::size_t N>
class small_vector {
    static_assert(std::is_trivially_copyable_v<T>, "small_vector holds trivially copyable types");

public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = T*;
    using const_iterator = const T*;

    /// Empty.
    small_vector() noexcept = default;
    /// `n` copies of `value`.
    explicit small_vector(size_type n, T value = T{}) { assign_fill(n, value); }
    /// From a braced list.
    small_vector(std::initializer_list<T> il) { assign_range(il.begin(), il.size()); }
    /// From any sized range whose elements convert to T.
    template <std::ranges::sized_range R>
        requires(!std::is_same_v<std::remove_cvref_t<R>, small_vector> &&
                 std::is_convertible_v<std::ranges::range_value_t<R>, T>)
    explicit small_vector(const R& r) {
        if constexpr (std::ranges::contiguous_range<R> && std::is_same_v<std::ranges::range_value_t<R>, T>) {
            assign_range(std::ranges::data(r), std::ranges::size(r));  // a plain copy (shapes from spans)
        } else {
            reserve(std::ranges::size(r));
            for (auto&& v : r) push_back(static_cast<T>(v));
        }
    }
    small_vector(const small_vector& o) { assign_range(o.data(), o.size()); }
    small_vector(small_vector&& o) noexcept { steal(o); }
    small_vector& operator=(const small_vector& o) {
        if (this != &o) assign_range(o.data(), o.size());
        return *this;
    }
    small_vector& operator=(small_vector&& o) noexcept {
        if (this != &o) {
            release();
            steal(o);
        }
        return *this;
    }
    ~small_vector() { release(); }

    size_type size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    size_type capacity() const noexcept { return m_heap ? m_capacity : N; }
    T* data() noexcept { return m_heap ? m_heap : m_inline; }
    const T* data() const noexcept { return m_heap ? m_heap : m_inline; }
    T& operator[](size_type i) noexcept { return data()[i]; }
    const T& operator[](size_type i) const noexcept { return data()[i]; }
    T& back() noexcept { return data()[m_size - 1]; }
    const T& back() const noexcept { return data()[m_size - 1]; }
    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + m_size; }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + m_size; }

    /// Views the elements as a span. (No conversion operator: `std::span<const T>`'s own
    /// range constructor already converts a small_vector implicitly, and a second,
    /// competing conversion path is ambiguous in spirit and warned about by -Wconversion.)
    std::span<const T> span() const noexcept { return {data(), m_size}; }

    void reserve(size_type n) {
        if (n <= capacity()) return;
        auto fresh = std::make_unique<T[]>(n);
        std::copy_n(data(), m_size, fresh.get());
        release();
        m_heap = fresh.release();
        m_capacity = n;
    }
    TMATH_FORCE_INLINE void push_back(T v) {
        if (m_size == capacity()) [[unlikely]]
            grow();
        data()[m_size++] = v;
    }
    void pop_back() noexcept { --m_size; }
    void resize(size_type n, T value = T{}) {
        reserve(n);
        if (n > m_size) {
            if (n <= N) fill_few(data() + m_size, n - m_size, value);
            else std::fill(data() + m_size, data() + n, value);
        }
        m_size = n;
    }
    void clear() noexcept { m_size = 0; }
    /// Exchanges the contents with `o`: heap blocks change hands, inline elements are
    /// copied, and only the slots below each size are read (a swap through a moved-from
    /// temporary would copy a vector whose inline slots are unset).
    void swap(small_vector& o) noexcept {
        if (m_heap && o.m_heap) {
            std::swap(m_heap, o.m_heap);
            std::swap(m_capacity, o.m_capacity);
        } else if (!m_heap && !o.m_heap) {
            const size_type common = std::min(m_size, o.m_size);
            for (size_type i = 0; i < common; ++i) std::swap(m_inline[i], o.m_inline[i]);
            if (m_size > common) copy_few(o.m_inline + common, m_inline + common, m_size - common);
            else copy_few(m_inline + common, o.m_inline + common, o.m_size - common);
        } else {
            small_vector& h = m_heap ? *this : o;  // the one on the heap
            small_vector& s = m_heap ? o : *this;  // the one inline
            copy_few(h.m_inline, s.m_inline, s.m_size);
            s.m_heap = h.m_heap;
            s.m_capacity = h.m_capacity;
            h.m_heap = nullptr;
            h.m_capacity = 0;
        }
        std::swap(m_size, o.m_size);
    }
    /// Swap found by argument-dependent lookup (`using std::swap; swap(a, b)`).
    friend void swap(small_vector& a, small_vector& b) noexcept { a.swap(b); }

    friend bool operator==(const small_vector& a, const small_vector& b) noexcept {
        return same_elements(a.data(), a.size(), b.data(), b.size());
    }
    /// Element-wise equality of two short arrays (a plain loop: shapes are a few elements,
    /// where a call to memcmp costs more than the comparison).
    static bool same_elements(const T* a, size_type na, const T* b, size_type nb) noexcept {
        if (na != nb) return false;
        for (size_type i = 0; i < na; ++i)
            if (!(a[i] == b[i])) return false;
        return true;
    }

    /// Compares with any range of values (e.g. `t.shape() == std::vector<std::size_t>{2, 3}`).
    template <std::ranges::input_range R>
        requires(!std::is_same_v<std::remove_cvref_t<R>, small_vector>)
    friend bool operator==(const small_vector& a, const R& b) {
        if constexpr (std::ranges::contiguous_range<R> && std::is_same_v<std::ranges::range_value_t<R>, T>)
            return same_elements(a.data(), a.size(), std::ranges::data(b), std::ranges::size(b));
        auto it = std::ranges::begin(b);
        auto last = std::ranges::end(b);
        for (const T& v : a) {
            if (it == last || !(static_cast<T>(*it) == v)) return false;
            ++it;
        }
        return it == last;
    }

private:
    // Shapes and strides hold a few elements. gcc and clang turn a copy or fill loop
    // (even one that stops at min(n, N)) into a call to memmove / memset, which through
    // the PLT costs more than copying a few elements, and is most of a view's cost
    // (`transpose`). A fold over the N inline slots that stops at n is straight-line code
    // with no loop to recognize. (Copying the whole inline array at once instead reads 64
    // bytes just written 8 at a time: a store-forwarding stall that costs more than the call.)
    // Forced inline: otherwise gcc keeps the fold out of line, a call per copy.
    template <class F, std::size_t... I>
    TMATH_FORCE_INLINE static void for_few(size_type n, F& f, std::index_sequence<I...>) noexcept {
        (void)((I < n ? (f(I), true) : false) && ...);  // f(i) for i < n ≤ N
    }
    // GCC 12 may warn that the inline slots past the size are read uninitialized when a
    // moved-from small_vector is copied in a large inlined function (as through
    // std::swap's temporary; swap() avoids that one): a false positive, as for_few reads
    // only the first n slots.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
    TMATH_FORCE_INLINE static void copy_few(T* d, const T* src, size_type n) noexcept {
        auto copy = [&](size_type i) { d[i] = src[i]; };
        for_few(n, copy, std::make_index_sequence<N>{});
    }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    TMATH_FORCE_INLINE static void fill_few(T* d, size_type n, T value) noexcept {
        auto fill = [&](size_type i) { d[i] = value; };
        for_few(n, fill, std::make_index_sequence<N>{});
    }
    void assign_fill(size_type n, T value) {
        m_size = 0;
        reserve(n);
        if (n <= N) fill_few(data(), n, value);
        else std::fill_n(data(), n, value);
        m_size = n;
    }
    void assign_range(const T* src, size_type n) {
        m_size = 0;
        reserve(n);
        if (n <= N) copy_few(data(), src, n);
        else std::copy_n(src, n, data());
        m_size = n;
    }
    // Out of line, so that push_back's common path (room left) is small enough to inline:
    // views and reshapes build their shapes element by element.
    TMATH_NOINLINE void grow() { reserve(std::max<size_type>(2 * capacity(), N + 1)); }
    void release() noexcept {
        delete[] m_heap;
        m_heap = nullptr;
        m_capacity = 0;
    }
    TMATH_FORCE_INLINE void steal(small_vector& o) noexcept {
        if (o.m_heap) {
            m_heap = o.m_heap;
            m_capacity = o.m_capacity;
            o.m_heap = nullptr;
            o.m_capacity = 0;
        } else {
            copy_few(m_inline, o.m_inline, o.m_size);
        }
        m_size = o.m_size;
        o.m_size = 0;
    }

    T m_inline[N];  // only the first m_size are meaningful
    T* m_heap = nullptr;
    size_type m_size = 0;
    size_type m_capacity = 0;
};

}  // namespace tmath
