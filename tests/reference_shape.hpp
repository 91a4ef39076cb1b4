#pragma once
// Shapes as the tests' reference code sees them, written independently of tmath: plain
// vectors, NumPy's spelling, element counts. Shared by the Catch2 suite (test_support.hpp)
// and the fuzz target (fuzz/reference.hpp), which does not use Catch2.
#include <cstddef>
#include <string>
#include <vector>

namespace test {

using shape = std::vector<std::size_t>;
using index = std::vector<std::size_t>;

/// NumPy's spelling of a shape, written independently of tmath: (2,3), (5,), ().
inline std::string fmt(const shape& s) {
    std::string r = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i != 0) r += ',';
        r += std::to_string(s[i]);
    }
    r += s.size() == 1 ? ",)" : ")";
    return r;
}

/// Number of elements of `s`.
inline std::size_t count(const shape& s) {
    std::size_t n = 1;
    for (std::size_t d : s) n *= d;
    return n;
}

/// Multi-index of the k-th element of `s` in row-major order.
inline index unravel(std::size_t k, const shape& s) {
    index idx(s.size(), 0);
    for (std::size_t d = s.size(); d-- > 0;) {
        idx[d] = k % s[d];
        k /= s[d];
    }
    return idx;
}

}  // namespace test
