#pragma once
/// @file contract.hpp
/// The engine of `tensordot` and `einsum`: a two-operand contraction whose indices are
/// sorted into batch (in both operands and the result), M (left operand and result), N
/// (right operand and result) and K (both operands, summed) is one batched matrix
/// product. Each group of indices is merged into one dimension when its strides allow
/// (a view, no copy), and `matmul` runs on the views: its GEMM packs from any strides,
/// so permuted operands cost nothing. An operand whose M (or N) or K indices cannot be
/// merged is copied once, row-major in (batch, M, K) / (batch, K, N) order; a result
/// whose M or N indices are not adjacent in order is computed into a temporary and then
/// copied into place. A contraction that sums nothing (an outer or element-wise product)
/// is one fused, broadcasting element-wise product instead.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <span>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/core/small_vector.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/linalg/product.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// One index of a contraction: its extent and its strides (elements) in the left
/// operand, the right operand and the result (0 where it does not occur or repeats).
struct contract_dim {
    std::size_t extent = 1;
    std::ptrdiff_t a = 0;  ///< stride in the left operand
    std::ptrdiff_t b = 0;  ///< stride in the right operand
    std::ptrdiff_t c = 0;  ///< stride in the result
};

/// A list of indices.
using contract_dims = small_vector<contract_dim, TMATH_INLINE_RANK>;

/// The indices of a contraction sorted into its four groups.
struct contract_groups {
    contract_dims batch, m, n, k;
};

/// Extent and stride of a group merged into one dimension; `ok` false when its strides
/// do not allow it.
struct merged_dim {
    std::size_t extent = 1;
    std::ptrdiff_t stride = 0;
    bool ok = true;
};

/// `g` merged along the strides `Member` (&contract_dim::a, b or c); extents of 1 never
/// stop a merge (their stride is meaningless); an empty group is extent 1, stride 0.
template <std::ptrdiff_t contract_dim::* Member>
merged_dim merge_group(const contract_dims& g) {
    merged_dim r;
    bool first = true;
    std::ptrdiff_t expect = 0;
    for (std::size_t d = g.size(); d-- > 0;) {
        r.extent *= g[d].extent;
        if (g[d].extent == 1) continue;
        const std::ptrdiff_t s = g[d].*Member;
        if (first) r.stride = s, first = false;
        else if (s != expect) r.ok = false;
        expect = s * static_cast<std::ptrdiff_t>(g[d].extent);
    }
    if (r.extent == 0) r.ok = true;
    return r;
}

/// Gives the indices of `groups` (in order) the row-major strides `Member` of their
/// extents, as a copy laid out in that order has.
template <std::ptrdiff_t contract_dim::* Member>
void set_row_major(std::initializer_list<contract_dims*> groups) {
    std::ptrdiff_t s = 1;
    for (auto g = groups.end(); g != groups.begin();) {
        --g;
        for (std::size_t d = (*g)->size(); d-- > 0;) {
            (**g)[d].*Member = s;
            s *= static_cast<std::ptrdiff_t>(std::max<std::size_t>((**g)[d].extent, 1));
        }
    }
}

/// A row-major copy of the operand at `p` whose indices are `groups` (in order), along
/// the strides `Member`; the indices take the copy's strides.
template <std::ptrdiff_t contract_dim::* Member, class V>
tensor<V> copy_grouped(const V* p, std::initializer_list<contract_dims*> groups) {
    shape_t shape;
    strides_t strides;
    for (auto* g : groups)
        for (const auto& d : *g) shape.push_back(d.extent), strides.push_back(d.*Member);
    tensor<V> t(tensor_view<const V>(p, std::move(shape), std::move(strides)));
    set_row_major<Member>(groups);
    return t;
}

/// K sorted by decreasing stride `Member` (the order in which an operand stores them).
template <std::ptrdiff_t contract_dim::* Member>
contract_dims sorted_by(const contract_dims& k) {
    contract_dims s = k;
    std::stable_sort(s.begin(), s.end(),
                     [](const contract_dim& x, const contract_dim& y) { return std::abs(x.*Member) > std::abs(y.*Member); });
    return s;
}

/// result = Σ_K A·B over the groups `g`: A at `pa`, B at `pb`, the result at `pc`
/// (every index's strides in `g`). Extents of 1 may carry any stride.
template <class V>
void contract(const V* pa, const V* pb, V* pc, contract_groups g) {
    for (auto* grp : {&g.batch, &g.m, &g.n, &g.k}) {  // extents of 1 take no part
        const auto end = std::remove_if(grp->begin(), grp->end(), [](const contract_dim& d) { return d.extent == 1; });
        grp->resize(static_cast<std::size_t>(end - grp->begin()));
    }
    if (g.k.empty()) {  // nothing summed: a broadcast element-wise product, one fused loop
        shape_t shape;
        strides_t sa, sb, sc;
        for (auto* grp : {&g.batch, &g.m, &g.n})
            for (const auto& d : *grp) shape.push_back(d.extent), sa.push_back(d.a), sb.push_back(d.b), sc.push_back(d.c);
        const tensor_view<const V> va(pa, shape, std::move(sa)), vb(pb, shape, std::move(sb));
        tensor_view<V> vc(pc, std::move(shape), std::move(sc));
        vc = va * vb;
        return;
    }
    // A K order that both operands merge, else one that one of them merges (the other
    // is copied), else the given one (both are copied).
    const bool a_m = merge_group<&contract_dim::a>(g.m).ok, b_n = merge_group<&contract_dim::b>(g.n).ok;
    const contract_dims orders[3] = {g.k, sorted_by<&contract_dim::a>(g.k), sorted_by<&contract_dim::b>(g.k)};
    int both = -1, only_a = -1, only_b = -1;
    for (int i = 2; i >= 0; --i) {
        const bool ka = a_m && merge_group<&contract_dim::a>(orders[i]).ok;
        const bool kb = b_n && merge_group<&contract_dim::b>(orders[i]).ok;
        if (ka && kb) both = i;
        if (ka) only_a = i;
        if (kb) only_b = i;
    }
    g.k = orders[both >= 0 ? both : only_b >= 0 ? only_b : only_a >= 0 ? only_a : 0];
    std::optional<tensor<V>> copy_a, copy_b;
    if (!(a_m && merge_group<&contract_dim::a>(g.k).ok))
        pa = copy_a.emplace(copy_grouped<&contract_dim::a>(pa, {&g.batch, &g.m, &g.k})).data();
    if (!(b_n && merge_group<&contract_dim::b>(g.k).ok))
        pb = copy_b.emplace(copy_grouped<&contract_dim::b>(pb, {&g.batch, &g.k, &g.n})).data();
    // The result: in place when its M and N indices merge, else through a temporary.
    const merged_dim cm = merge_group<&contract_dim::c>(g.m), cn = merge_group<&contract_dim::c>(g.n);
    shape_t final_shape;
    strides_t final_strides;
    std::optional<tensor<V>> tmp;
    V* out = pc;
    if (!cm.ok || !cn.ok) {
        for (auto* grp : {&g.batch, &g.m, &g.n})
            for (const auto& d : *grp) final_shape.push_back(d.extent), final_strides.push_back(d.c);
        out = tmp.emplace(tensor<V>::uninitialized_of(final_shape.span())).data();
        set_row_major<&contract_dim::c>({&g.batch, &g.m, &g.n});
    }
    const merged_dim m = merge_group<&contract_dim::a>(g.m), n = merge_group<&contract_dim::b>(g.n);
    const merged_dim ka = merge_group<&contract_dim::a>(g.k), kb = merge_group<&contract_dim::b>(g.k);
    const merged_dim om = merge_group<&contract_dim::c>(g.m), on = merge_group<&contract_dim::c>(g.n);
    shape_t sa, sb, sc;
    strides_t ta, tb, tc;
    for (const auto& d : g.batch) {
        sa.push_back(d.extent), sb.push_back(d.extent), sc.push_back(d.extent);
        ta.push_back(d.a), tb.push_back(d.b), tc.push_back(d.c);
    }
    sa.push_back(m.extent), sa.push_back(ka.extent), ta.push_back(m.stride), ta.push_back(ka.stride);
    sb.push_back(kb.extent), sb.push_back(n.extent), tb.push_back(kb.stride), tb.push_back(n.stride);
    sc.push_back(m.extent), sc.push_back(n.extent), tc.push_back(om.stride), tc.push_back(on.stride);
    const tensor_view<const V> va(pa, std::move(sa), std::move(ta)), vb(pb, std::move(sb), std::move(tb));
    tensor_view<V> vc(out, std::move(sc), std::move(tc));
    matmul(va, vb, vc);
    if (out != pc) {
        tensor_view<V> dst(pc, std::move(final_shape), std::move(final_strides));
        dst = tensor_view<const V>(*tmp);
    }
}

}  // namespace tmath::detail
