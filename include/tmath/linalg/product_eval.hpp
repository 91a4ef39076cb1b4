#pragma once
/// @file product_eval.hpp
/// Evaluation of a product node into strided memory: operands that are not memory of
/// the result type are evaluated once into temporaries; a destination that overlaps an
/// operand is written through a temporary; the batch dimensions are walked (or folded
/// into the rows when the right operand has none) and each matrix product goes to GEMM,
/// which picks GEMV, the small kernel or the packed loops.

#include <cstddef>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/aliasing.hpp"
#include "tmath/eval/assign.hpp"
#include "tmath/eval/copy.hpp"
#include "tmath/eval/materialize.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/linalg/gemm/gemm.hpp"
#include "tmath/linalg/matmul_shape.hpp"
#include "tmath/linalg/strided_matrix.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A product operand as strided memory of element type V: the operand itself when it
/// is memory of type V, else a temporary holding its value.
template <class V>
class product_operand {
public:
    template <tensor_expression X>
    explicit product_operand(const X& x) {
        if constexpr (memory_expression<X> && std::is_same_v<value_type_t<X>, V>) {
            m_data = x.data();
            m_shape = x.shape();
            m_strides = x.strides();
        } else {
            m_owned.emplace(x.shape());
            assign_into(m_owned->data(), m_owned->shape(), m_owned->strides(), x);
            m_data = m_owned->data();
            m_shape = m_owned->shape();
            m_strides = m_owned->strides();
        }
    }
    product_operand(const product_operand&) = delete;
    product_operand& operator=(const product_operand&) = delete;

    const V* data() const noexcept { return m_data; }
    std::span<const std::size_t> shape() const noexcept { return m_shape; }
    std::span<const std::ptrdiff_t> strides() const noexcept { return m_strides; }
    /// True when this refers to the caller's memory (not a temporary).
    bool borrowed() const noexcept { return !m_owned.has_value(); }

private:
    std::optional<temporary<V>> m_owned;
    const V* m_data = nullptr;
    std::span<const std::size_t> m_shape;
    std::span<const std::ptrdiff_t> m_strides;
};

/// True when dims [first, last] of (shape, strides) index as one dimension with the
/// stride of `last`: each dimension of extent > 1 strides by `last`'s stride times the
/// extents after it. (Dimensions of extent 1 may have any stride, so each one is checked
/// against the product of all the extents after it, not against its neighbour's stride,
/// which may be such an arbitrary one.)
inline bool collapses(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides, std::size_t first,
                      std::size_t last) noexcept {
    std::ptrdiff_t expect = strides[last];
    for (std::size_t d = last; d-- > first;) {
        expect *= static_cast<std::ptrdiff_t>(shape[d + 1]);
        if (shape[d] != 1 && strides[d] != expect) return false;
    }
    return true;
}

/// C = alpha · A @ B + beta · C over the batch, C at `c` with `c_strides` (the result shape).
template <class V, class OA, class OB>
void run_batched(const matmul_layout& l, V alpha, const OA& a, const OB& b, V beta, V* c,
                 std::span<const std::ptrdiff_t> c_strides) {
    const std::size_t nb = l.batch.size();
    if (shape_size(l.result.span()) == 0) return;  // nothing to write (and C's data may be null)
    const auto as = std::span<const std::size_t>(a.shape());
    const auto bs = std::span<const std::size_t>(b.shape());
    const auto ast = std::span<const std::ptrdiff_t>(a.strides());
    const auto bst = std::span<const std::ptrdiff_t>(b.strides());
    const std::size_t ra = as.size();
    const std::size_t rb = bs.size();

    // The matrices of batch 0 (a 1-D left operand is one row, a 1-D right one one column).
    // Kept as scalars and put together at each call: a struct copied whole from parts
    // written separately would stall on store forwarding, a cost small products notice.
    const V* pa = a.data();
    const V* pb = b.data();
    V* pc = c;
    const std::ptrdiff_t rsa = l.a_vector ? 0 : ast[ra - 2], csa = ast[ra - 1];
    const std::ptrdiff_t rsb = l.b_vector ? bst[0] : bst[rb - 2], csb = l.b_vector ? 0 : bst[rb - 1];
    const std::ptrdiff_t rsc = l.a_vector ? 0 : c_strides[nb];
    const std::ptrdiff_t csc = l.b_vector ? 0 : c_strides[nb + (l.a_vector ? 0 : 1)];
    const auto product = [&](std::size_t m) {
        gemm<V>(m, l.n, l.k, alpha, {pa, rsa, csa}, {pb, rsb, csb}, beta, {pc, rsc, csc});
    };
    if (nb == 0) {
        product(l.m);
        return;
    }

    // Batch strides of each operand, broadcast (0 where a dimension is 1 or missing).
    strides_t sa(nb, 0), sb(nb, 0);
    const std::size_t a_batch = ra >= 2 ? ra - 2 : 0;
    const std::size_t b_batch = rb >= 2 ? rb - 2 : 0;
    for (std::size_t i = 0; i < nb; ++i) {
        if (i + a_batch >= nb && as[i + a_batch - nb] != 1) sa[i] = ast[i + a_batch - nb];
        if (i + b_batch >= nb && bs[i + b_batch - nb] != 1) sb[i] = bst[i + b_batch - nb];
    }
    // An empty operand (k == 0) is never read, and its data may be null: it is not
    // stepped through the batch (a null pointer plus an offset is undefined).
    if (shape_size(as) == 0) sa = strides_t(nb, 0);
    if (shape_size(bs) == 0) sb = strides_t(nb, 0);

    // B the same for every batch and A's batch dims one run with its rows (and C's too):
    // the whole batch is one product with batch * m rows.
    // A must span the whole batch itself: B's batch dimensions may be broadcast views
    // (stride 0, extent > 1) that A's extent-1 dimensions broadcast against.
    bool b_shared = a_batch == nb;
    for (std::size_t i = 0; i < nb && b_shared; ++i) b_shared = sb[i] == 0 && as[i] == l.batch[i];
    if (b_shared && !l.a_vector && collapses(as, ast, 0, ra - 2) &&
        collapses(l.result.span(), c_strides, 0, nb)) {
        product(shape_size(l.batch.span()) * l.m);
        return;
    }

    // Otherwise one product per batch index (odometer over the batch shape).
    small_vector<std::size_t, TMATH_INLINE_RANK> idx(nb, 0);
    const std::size_t count = shape_size(l.batch.span());
    for (std::size_t t = 0; t < count; ++t) {
        product(l.m);
        for (std::size_t d = nb; d-- > 0;) {
            if (++idx[d] < l.batch[d]) {
                pa += sa[d];
                pb += sb[d];
                pc += c_strides[d];
                break;
            }
            const auto back = static_cast<std::ptrdiff_t>(l.batch[d] - 1);
            pa -= back * sa[d];
            pb -= back * sb[d];
            pc -= back * c_strides[d];
            idx[d] = 0;
        }
    }
}

/// dst = t, or dst += t with `accumulate` (converting to D).
template <class D, class V>
void write_result(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                  const temporary<V>& t, bool accumulate) {
    if (accumulate)
        assign_into(dst, shape, dst_strides,
                    make_elementwise(fn::plus{}, raw_memory<const D>{dst, shape, dst_strides},
                                     raw_memory<const V>{t.data(), t.shape(), t.strides()}));
    else
        copy_into(dst, shape, dst_strides, t.data(), t.shape(), t.strides());
}

/// True when `o` is the caller's memory (as opposed to a temporary of product_operand).
template <class O>
bool borrowed(const O& o) noexcept {
    if constexpr (requires { o.borrowed(); }) return o.borrowed();
    else return true;
}

/// The product of the prepared operands `a` and `b` into `dst` (element type V): through
/// a temporary when `dst` overlaps memory an operand reads.
template <class V, class P, class OA, class OB>
void product_into(V* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides, const P& p,
                  const OA& a, const OB& b, bool accumulate) {
    const byte_extent d = extent_of(dst, shape, dst_strides, sizeof(V));
    const auto overlaps = [&](const auto& o) {
        const byte_extent e = extent_of(o.data(), o.shape(), o.strides(), sizeof(V));
        return borrowed(o) && d.lo < e.hi && e.lo < d.hi;
    };
    if (overlaps(a) || overlaps(b)) {  // `a = matmul(a, b)`: GEMM would read what it wrote
        // With `accumulate` the temporary starts as a copy of dst and GEMM adds to it
        // (beta = 1), as it does into dst when nothing overlaps: two plain copies
        // (copy_into), where an element-wise `dst + t` would compile an evaluator of its
        // own into every translation unit that assigns a product.
        temporary<V> t(shape);
        if (accumulate) copy_into(t.data(), t.shape(), t.strides(), static_cast<const V*>(dst), shape, dst_strides);
        run_batched<V>(p.layout(), p.alpha(), a, b, accumulate ? V(1) : V(0), t.data(), t.strides());
        copy_into(dst, shape, dst_strides, t.data(), t.shape(), t.strides());
        return;
    }
    run_batched<V>(p.layout(), p.alpha(), a, b, accumulate ? V(1) : V(0), dst, dst_strides);
}

/// C = alpha·A·B + beta·C on 2-D strided memory (A m × k at `pa`, B k × n at `pb`, C m × n
/// at `pc`, m and n nonzero) when C overlaps neither operand, returning true; false,
/// having done nothing, when it does (GEMM would read what it wrote).
template <class V>
TMATH_FORCE_INLINE bool gemm_2d_unaliased(std::size_t m, std::size_t n, std::size_t k, V alpha, const V* pa,
                                          std::ptrdiff_t ars, std::ptrdiff_t acs, const V* pb, std::ptrdiff_t brs,
                                          std::ptrdiff_t bcs, V beta, V* pc, std::ptrdiff_t crs, std::ptrdiff_t ccs) {
    const byte_extent d = extent_of_2d(pc, m, n, crs, ccs, sizeof(V));
    const byte_extent ea = extent_of_2d(pa, m, k, ars, acs, sizeof(V));
    const byte_extent eb = extent_of_2d(pb, k, n, brs, bcs, sizeof(V));
    if (overlaps(d, ea) || overlaps(d, eb)) return false;
    gemm_strided<V>(m, n, k, alpha, pa, ars, acs, pb, brs, bcs, beta, pc, crs, ccs);
    return true;
}

/// `matmul(a, b, out)` reads and writes in place: three memory operands of one element type.
template <class A, class B, class Out>
concept direct_matmul = memory_expression<A> && memory_expression<B> && memory_expression<Out> &&
                        std::is_same_v<value_type_t<A>, value_type_t<Out>> &&
                        std::is_same_v<value_type_t<B>, value_type_t<Out>> &&
                        std::is_same_v<decltype(std::declval<Out&>().data()), value_type_t<Out>*>;

/// The common case of `matmul(a, b, out)` without the product node: `a` (m × k), `b`
/// (k × n) and `out` (m × n) all 2-D, `out` overlapping neither operand. Then GEMM runs
/// straight on their strides and this returns true. Anything else (other ranks, shapes
/// that do not fit, overlap, extents of 2^31 and more) returns false having done nothing,
/// and the general path handles it (and reports it).
template <class A, class B, class Out>
    requires direct_matmul<A, B, Out>
TMATH_FORCE_INLINE bool try_matmul_2d(const A& a, const B& b, Out& out) {
    using V = value_type_t<Out>;
    const std::span<const std::size_t> as(a.shape()), bs(b.shape()), os(out.shape());
    if (as.size() != 2 || bs.size() != 2 || os.size() != 2) return false;
    const std::size_t m = as[0], k = as[1], n = bs[1];
    if (bs[0] != k || os[0] != m || os[1] != n || ((m | n | k) >> 31) != 0) return false;
    if (m == 0 || n == 0) return true;  // nothing to write
    const std::span<const std::ptrdiff_t> ast(a.strides()), bst(b.strides()), ost(out.strides());
    return gemm_2d_unaliased<V>(m, n, k, V(1), a.data(), ast[0], ast[1], b.data(), bst[0], bst[1], V(0), out.data(),
                                ost[0], ost[1]);
}

/// Writes `p` (alpha · matmul(A, B)) into `dst` of `shape` (the product's shape) and
/// `dst_strides`; with `accumulate`, adds it to what `dst` holds (beta = 1).
template <class D, class P>
void assign_product(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                    const P& p, bool accumulate) {
    using V = value_type_t<P>;
    if (shape_size(shape) == 0) return;
    if constexpr (!std::is_same_v<D, V>) {
        // Computed in the product's type, then converted.
        temporary<V> t(shape);
        assign_product(t.data(), t.shape(), t.strides(), p, false);
        write_result(dst, shape, dst_strides, t, accumulate);
    } else if constexpr (memory_expression<typename P::lhs_type> && memory_expression<typename P::rhs_type> &&
                         std::is_same_v<value_type_t<typename P::lhs_type>, V> &&
                         std::is_same_v<value_type_t<typename P::rhs_type>, V>) {
        const matmul_layout& l = p.layout();
        if (l.batch.empty() && !l.a_vector && !l.b_vector && shape.size() == 2) {  // 2-D: GEMM unless dst overlaps
            const std::span<const std::ptrdiff_t> ast(p.lhs().strides()), bst(p.rhs().strides());
            if (gemm_2d_unaliased<V>(l.m, l.n, l.k, p.alpha(), p.lhs().data(), ast[0], ast[1], p.rhs().data(), bst[0],
                                     bst[1], accumulate ? V(1) : V(0), dst, dst_strides[0], dst_strides[1]))
                return;
        }
        product_into(dst, shape, dst_strides, p, p.lhs(), p.rhs(), accumulate);  // operands read in place
    } else {
        const product_operand<V> a(p.lhs());
        const product_operand<V> b(p.rhs());
        product_into(dst, shape, dst_strides, p, a, b, accumulate);
    }
}

}  // namespace tmath::detail
