#pragma once
/// @file matmul_shape.hpp
/// numpy.matmul's shape rules: a 1-D left operand is a row (1, k) and a 1-D right
/// operand a column (k, 1), the added dimension removed from the result; the leading
/// (batch) dimensions broadcast; rank-0 operands are rejected.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// How a product of two shapes is laid out.
struct matmul_layout {
    shape_t result;         ///< numpy's result shape
    shape_t batch;          ///< the broadcast batch shape (may be empty)
    std::size_t m = 1;      ///< rows of each product (1 for a 1-D left operand)
    std::size_t n = 1;      ///< columns of each product (1 for a 1-D right operand)
    std::size_t k = 0;      ///< the contracted length
    bool a_vector = false;  ///< the left operand is 1-D
    bool b_vector = false;  ///< the right operand is 1-D
};

/// numpy's spelling of the leading `count` dimensions of `s`.
inline std::string format_prefix(std::span<const std::size_t> s, std::size_t count) {
    return format_shape(s.first(count));
}

/// The layout of `matmul(a, b)` for operand shapes `a` and `b`; throws shape_error naming
/// both shapes (and the mismatching dimensions) when they do not fit.
inline matmul_layout matmul_shapes(std::span<const std::size_t> a, std::span<const std::size_t> b) {
    const auto both = [&] { return format_shape(a) + " and " + format_shape(b); };
    if (a.empty() || b.empty())
        throw shape_error("matmul: operand " + std::string(a.empty() ? "0" : "1") +
                          " is rank 0 (shapes " + both() + "); matmul needs at least one dimension per operand");
    matmul_layout l;
    l.a_vector = a.size() == 1;
    l.b_vector = b.size() == 1;
    const std::size_t a_k_dim = a.size() - 1;
    const std::size_t b_k_dim = l.b_vector ? 0 : b.size() - 2;
    l.k = a[a_k_dim];
    if (l.k != b[b_k_dim])
        throw shape_error("matmul: shapes " + both() + " are not aligned: " + std::to_string(a[a_k_dim]) + " (dim " +
                          std::to_string(a_k_dim) + ") != " + std::to_string(b[b_k_dim]) + " (dim " +
                          std::to_string(b_k_dim) + ")");
    l.m = l.a_vector ? 1 : a[a.size() - 2];
    l.n = l.b_vector ? 1 : b[b.size() - 1];

    if (a.size() <= 2 && b.size() <= 2) {  // the common case: no batch dimensions
        if (!l.a_vector && !l.b_vector) l.result = shape_t{l.m, l.n};
        else if (!l.a_vector || !l.b_vector) l.result = shape_t{l.a_vector ? l.n : l.m};
        checked_size(l.result.span(), "matmul");
        return l;
    }

    // Batch dimensions: everything before the last two (none for 1-D operands).
    const std::size_t a_batch = a.size() >= 2 ? a.size() - 2 : 0;
    const std::size_t b_batch = b.size() >= 2 ? b.size() - 2 : 0;
    const std::size_t rank = std::max(a_batch, b_batch);
    l.batch = shape_t(rank, 1);
    for (std::size_t i = 0; i < rank; ++i) {
        const std::size_t da = i + a_batch >= rank ? a[i + a_batch - rank] : 1;
        const std::size_t db = i + b_batch >= rank ? b[i + b_batch - rank] : 1;
        if (da != db && da != 1 && db != 1)
            throw shape_error("matmul: batch dimensions of shapes " + both() + " do not broadcast: " +
                              format_prefix(a, a_batch) + " and " + format_prefix(b, b_batch));
        l.batch[i] = da == 1 ? db : da;
    }
    l.result = l.batch;
    if (!l.a_vector) l.result.push_back(l.m);
    if (!l.b_vector) l.result.push_back(l.n);
    checked_size(l.result.span(), "matmul");
    return l;
}

}  // namespace tmath::detail
