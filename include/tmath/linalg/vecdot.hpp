#pragma once
/// @file vecdot.hpp
/// `vecdot(a, b, axis)`: NumPy 2's broadcasting dot product along one axis (each
/// operand's `axis` is its core dimension, the other dimensions broadcast), and `vdot`:
/// the dot product of two operands flattened. Rows run the contiguous `dot` kernel
/// (linalg/dot/contiguous.hpp) or a strided loop; a vector shared by every row of a
/// matrix whose rows lie at one stride is a matrix-vector product and goes to GEMV.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>

#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/linalg/dot/contiguous.hpp"
#include "tmath/linalg/gemv.hpp"
#include "tmath/linalg/product_eval.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// Σ a[j·sa]·b[j·sb] over j < n: the contiguous kernel when both strides are 1, else
/// four scalar accumulators.
template <class V>
V dot_strided(std::size_t n, const V* a, std::ptrdiff_t sa, const V* b, std::ptrdiff_t sb, const arch::tuning& t) {
    if (n == 0) return V(0);
    if (sa == 1 && sb == 1) return dot_contiguous<V>(static_cast<std::ptrdiff_t>(n), a, b, t);
    V acc[4] = {V(0), V(0), V(0), V(0)};
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4)
        for (std::size_t q = 0; q < 4; ++q) {
            const auto o = static_cast<std::ptrdiff_t>(j + q);
            acc[q] = static_cast<V>(acc[q] + a[o * sa] * b[o * sb]);
        }
    for (; j < n; ++j) {
        const auto o = static_cast<std::ptrdiff_t>(j);
        acc[0] = static_cast<V>(acc[0] + a[o * sa] * b[o * sb]);
    }
    return static_cast<V>((acc[0] + acc[1]) + (acc[2] + acc[3]));
}

/// The extent and stride of all of `shape` as one dimension, when its elements lie at
/// one stride (extents of 1 ignored); `ok` false otherwise.
struct flat_run {
    std::size_t extent = 1;
    std::ptrdiff_t stride = 0;
    bool ok = true;
};
inline flat_run flatten_run(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides) {
    flat_run r;
    r.extent = shape_size(shape);
    bool first = true;
    std::ptrdiff_t expect = 0;
    for (std::size_t d = shape.size(); d-- > 0;) {
        if (shape[d] == 1) continue;
        if (first) r.stride = strides[d], expect = strides[d] * static_cast<std::ptrdiff_t>(shape[d]), first = false;
        else if (strides[d] != expect) r.ok = false;
        else expect *= static_cast<std::ptrdiff_t>(shape[d]);
    }
    if (r.extent == 0) r.ok = true;
    return r;
}

/// vecdot's shape_error for shapes `sa`, `sb` and the reason `why`.
[[noreturn, gnu::cold]] inline void throw_vecdot(std::span<const std::size_t> sa, std::span<const std::size_t> sb,
                                                 const std::string& why) {
    throw shape_error("vecdot: shapes " + format_shape(sa) + " and " + format_shape(sb) + " " + why);
}

/// vecdot on operands prepared as memory of V.
template <class V, class OA, class OB>
tensor<V> vecdot_memory(const OA& a, const OB& b, std::ptrdiff_t axis) {
    const auto as = a.shape(), bs = b.shape();
    const auto ast = a.strides(), bst = b.strides();
    if (as.empty() || bs.empty())
        throw_vecdot(as, bs, ": operand " + std::string(as.empty() ? "0" : "1") +
                                 " is rank 0; vecdot needs at least one dimension per operand");
    const std::size_t ka = normalize_axis(axis, as.size(), "vecdot");
    const std::size_t kb = normalize_axis(axis, bs.size(), "vecdot");
    const std::size_t n = as[ka];
    if (n != bs[kb])
        throw_vecdot(as, bs, "are not aligned along axis " + std::to_string(axis) + ": " + std::to_string(n) + " (dim " +
                                 std::to_string(ka) + ") != " + std::to_string(bs[kb]) + " (dim " + std::to_string(kb) + ")");
    // The loop dimensions (all but the core one), broadcast; strides 0 where repeated.
    const std::size_t la = as.size() - 1, lb = bs.size() - 1, r = std::max(la, lb);
    shape_t shape(r, 1);
    strides_t sa(r, 0), sb(r, 0);
    for (std::size_t i = 0; i < r; ++i) {
        const auto pick = [&](std::span<const std::size_t> s, std::span<const std::ptrdiff_t> st, std::size_t l,
                              std::size_t k, std::ptrdiff_t& stride) -> std::size_t {
            if (i + l < r) return 1;
            const std::size_t d = i + l - r < k ? i + l - r : i + l - r + 1;
            stride = s[d] == 1 ? 0 : st[d];
            return s[d];
        };
        const std::size_t da = pick(as, ast, la, ka, sa[i]);
        const std::size_t db = pick(bs, bst, lb, kb, sb[i]);
        if (da != db && da != 1 && db != 1)
            throw_vecdot(as, bs, "do not broadcast outside axis " + std::to_string(axis) + ": " + std::to_string(da) +
                                     " != " + std::to_string(db));
        shape[i] = da == 1 ? db : da;
    }
    tensor<V> out = tensor<V>::uninitialized_of(shape.span());
    const std::size_t rows = out.size();
    if (rows == 0) return out;
    V* po = out.data();
    if (n == 0) {
        std::fill(po, po + rows, V(0));
        return out;
    }
    const std::ptrdiff_t ca = ast[ka], cb = bst[kb];
    const arch::tuning& t = arch::this_processor();
    // One operand the same vector for every row and the other's rows at one stride: GEMV.
    const auto all_zero = [&](const strides_t& s) { return std::all_of(s.begin(), s.end(), [](auto v) { return v == 0; }); };
    if (rows > 1) {
        const flat_run fa = flatten_run(shape.span(), sa.span()), fb = flatten_run(shape.span(), sb.span());
        if (all_zero(sb) && fa.ok && ca == 1) {
            gemv<V>(rows, n, V(1), {a.data(), fa.stride, 1}, b.data(), cb, V(0), po, 1, t);
            return out;
        }
        if (all_zero(sa) && fb.ok && cb == 1) {
            gemv<V>(rows, n, V(1), {b.data(), fb.stride, 1}, a.data(), ca, V(0), po, 1, t);
            return out;
        }
    }
    // Row by row: an odometer over the outer loop dimensions, a run along the last.
    const std::size_t inner = r == 0 ? 1 : shape[r - 1];
    const std::ptrdiff_t ia = r == 0 ? 0 : sa[r - 1], ib = r == 0 ? 0 : sb[r - 1];
    small_vector<std::size_t, TMATH_INLINE_RANK> idx(r, 0);
    const V* pa = a.data();
    const V* pb = b.data();
    for (std::size_t done = 0; done < rows; done += inner) {
        if (ca == 1 && cb == 1) {
            for (std::size_t i = 0; i < inner; ++i)
                po[i] = dot_contiguous<V>(static_cast<std::ptrdiff_t>(n), pa + static_cast<std::ptrdiff_t>(i) * ia,
                                          pb + static_cast<std::ptrdiff_t>(i) * ib, t);
        } else {
            for (std::size_t i = 0; i < inner; ++i)
                po[i] = dot_strided<V>(n, pa + static_cast<std::ptrdiff_t>(i) * ia, ca,
                                       pb + static_cast<std::ptrdiff_t>(i) * ib, cb, t);
        }
        po += inner;
        for (std::size_t d = r == 0 ? 0 : r - 1; d-- > 0;) {  // the next outer index
            if (++idx[d] < shape[d]) {
                pa += sa[d];
                pb += sb[d];
                break;
            }
            const auto back = static_cast<std::ptrdiff_t>(shape[d] - 1);
            pa -= back * sa[d];
            pb -= back * sb[d];
            idx[d] = 0;
        }
    }
    return out;
}

}  // namespace detail

/// NumPy 2's `vecdot(a, b, axis)`: Σ a·b along `axis` of each operand (negative counts
/// from the end of each operand's rank), the other dimensions broadcast; a tensor of the
/// broadcast shape (rank 0 for two 1-D operands) in the promoted element type (as
/// `matmul`: float, double, int32_t or int64_t). Throws shape_error naming both shapes
/// when the axis extents differ, the rest does not broadcast or an operand is rank 0, and
/// index_error for an axis out of range.
template <tensor_expression A, tensor_expression B>
auto vecdot(const A& a, const B& b, std::ptrdiff_t axis = -1) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::product_operand<V> pa(a), pb(b);
    return detail::vecdot_memory<V>(pa, pb, axis);
}

/// NumPy's `vdot(a, b)`: the dot product of the two operands flattened (row-major), a
/// scalar of the promoted element type. Throws shape_error naming both shapes when their
/// sizes differ.
template <tensor_expression A, tensor_expression B>
auto vdot(const A& a, const B& b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::product_operand<V> pa(a), pb(b);
    const std::size_t n = shape_size(pa.shape());
    if (n != shape_size(pb.shape()))
        throw shape_error("vdot: shapes " + format_shape(pa.shape()) + " and " + format_shape(pb.shape()) +
                          " have different sizes: " + std::to_string(n) + " != " + std::to_string(shape_size(pb.shape())));
    detail::flat_run fa = detail::flatten_run(pa.shape(), pa.strides()), fb = detail::flatten_run(pb.shape(), pb.strides());
    // An operand whose elements do not lie at one stride is copied (row-major) once.
    const tensor<V> ca = fa.ok ? tensor<V>() : tensor<V>(tensor_view<const V>(pa.data(), shape_t(pa.shape()), strides_t(pa.strides())));
    const tensor<V> cb = fb.ok ? tensor<V>() : tensor<V>(tensor_view<const V>(pb.data(), shape_t(pb.shape()), strides_t(pb.strides())));
    const V* xa = fa.ok ? pa.data() : ca.data();
    const V* xb = fb.ok ? pb.data() : cb.data();
    return detail::dot_strided<V>(n, xa, fa.ok ? fa.stride : 1, xb, fb.ok ? fb.stride : 1, arch::this_processor());
}

}  // namespace tmath
