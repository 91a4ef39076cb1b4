#pragma once
/// @file einsum.hpp
/// `einsum(subscripts, a[, b])`: Einstein summation over one or two operands with
/// NumPy's rules. A letter repeated within one operand takes its diagonal (a strided
/// view: the strides add); a letter in one operand only and not in the output is summed
/// there first (`sum`); what is left of two operands is one batched matrix product
/// (linalg/contract.hpp): batch = letters in both operands and the output, M = the left
/// operand's and the output's, N = the right operand's and the output's, K = both
/// operands' and not the output's, run by `matmul` on views of the operands. Extents of
/// 1 broadcast against the other operand's extent for the same letter, as in NumPy.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/linalg/contract.hpp"
#include "tmath/linalg/einsum_parse.hpp"
#include "tmath/linalg/product_eval.hpp"
#include "tmath/reduce/reductions.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// One einsum operand with distinct letters: its memory, letters, extents and strides;
/// `owned` holds it when a letter was summed out.
template <class V>
struct einsum_term {
    const V* data = nullptr;
    std::string letters;
    shape_t shape;
    strides_t strides;
    std::optional<tensor<V>> owned;
};

/// The term of operand `index` (memory `op`) with subscripts `letters`: a letter that
/// repeats becomes one dimension along the diagonal (its strides summed). Throws
/// shape_error for a rank other than the letter count or diagonal extents that differ.
template <class V, class O>
void take_diagonals(einsum_term<V>& t, const O& op, std::string_view letters, std::size_t index,
                    std::string_view subscripts) {
    const auto shape = op.shape();
    const auto strides = op.strides();
    const std::string which = "operand " + std::to_string(index) + " of shape " + format_shape(shape);
    if (letters.size() != shape.size())
        throw shape_error("einsum: " + which + " has rank " + std::to_string(shape.size()) + " but subscripts '" +
                          std::string(letters) + "' name " + std::to_string(letters.size()) + " dimensions (subscripts '" +
                          std::string(subscripts) + "')");
    t.data = op.data();
    for (std::size_t d = 0; d < letters.size(); ++d) {
        const std::size_t at = t.letters.find(letters[d]);
        if (at == std::string::npos) {
            t.letters += letters[d];
            t.shape.push_back(shape[d]);
            t.strides.push_back(strides[d]);
        } else if (t.shape[at] != shape[d]) {
            throw shape_error("einsum: dimensions in " + which + " for collapsing index '" + std::string(1, letters[d]) +
                              "' don't match (" + std::to_string(t.shape[at]) + " != " + std::to_string(shape[d]) +
                              ") in subscripts '" + std::string(subscripts) + "'");
        } else {
            t.strides[at] += strides[d];
        }
    }
}

/// Sums `t` over its letters that are not in `keep` (one `sum`, into `t.owned`).
template <class V>
void sum_out(einsum_term<V>& t, std::string_view keep) {
    strides_t axes;
    std::string left;
    for (std::size_t d = 0; d < t.letters.size(); ++d) {
        if (keep.find(t.letters[d]) == std::string_view::npos) axes.push_back(static_cast<std::ptrdiff_t>(d));
        else left += t.letters[d];
    }
    if (axes.empty()) return;
    auto s = sum(tensor_view<const V>(t.data, t.shape, t.strides), axes);
    const tensor<V>& o = t.owned.emplace(std::move(s));  // converted to V where sum widens
    t.data = o.data();
    t.letters = std::move(left);
    t.shape = o.shape();
    t.strides = o.strides();
}

/// einsum of one operand prepared as memory of V.
template <class V, class O>
tensor<V> einsum_one(const einsum_spec& spec, const O& a, std::string_view subscripts) {
    einsum_term<V> t;
    take_diagonals(t, a, spec.inputs[0], 0, subscripts);
    sum_out(t, spec.output);
    shape_t shape;
    strides_t strides;
    for (char c : spec.output) {
        const std::size_t at = t.letters.find(c);
        shape.push_back(t.shape[at]);
        strides.push_back(t.strides[at]);
    }
    return tensor<V>(tensor_view<const V>(t.data, std::move(shape), std::move(strides)));
}

/// Letter c of two prepared terms: its extent (1 broadcasts against the other term's)
/// and its strides in each (0 where absent or broadcast); throws shape_error naming the
/// letter and both shapes when its extents differ otherwise.
template <class V, class OA, class OB>
contract_dim einsum_dim(const einsum_term<V>& ta, const einsum_term<V>& tb, char c, const OA& a, const OB& b,
                        std::string_view subscripts) {
    const std::size_t ia = ta.letters.find(c), ib = tb.letters.find(c);
    const std::size_t ea = ia == std::string::npos ? 1 : ta.shape[ia];
    const std::size_t eb = ib == std::string::npos ? 1 : tb.shape[ib];
    if (ea != eb && ea != 1 && eb != 1)
        throw shape_error("einsum: operands of shapes " + format_shape(a.shape()) + " and " + format_shape(b.shape()) +
                          " do not broadcast for index '" + std::string(1, c) + "': " + std::to_string(ea) + " != " +
                          std::to_string(eb) + " in subscripts '" + std::string(subscripts) + "'");
    contract_dim d;  // extent 1 broadcasts: stride 0
    d.extent = ea == 1 ? eb : ea;
    d.a = ia == std::string::npos || ea != d.extent ? 0 : ta.strides[ia];
    d.b = ib == std::string::npos || eb != d.extent ? 0 : tb.strides[ib];
    return d;
}

/// einsum of two operands prepared as memory of V, into `out` (of the result's shape,
/// checked, any strides) when it is given, else into a new tensor.
template <class V, class OA, class OB>
tensor<V> einsum_two(const einsum_spec& spec, const OA& a, const OB& b, std::string_view subscripts,
                     tensor_view<V>* out = nullptr) {
    einsum_term<V> ta, tb;
    take_diagonals(ta, a, spec.inputs[0], 0, subscripts);
    take_diagonals(tb, b, spec.inputs[1], 1, subscripts);
    sum_out(ta, spec.output + tb.letters);
    sum_out(tb, spec.output + ta.letters);
    contract_groups g;
    for (char c : ta.letters)  // contracted letters: both operands, not the output
        if (spec.output.find(c) == std::string::npos) g.k.push_back(einsum_dim(ta, tb, c, a, b, subscripts));
    shape_t shape;
    for (char c : spec.output) shape.push_back(einsum_dim(ta, tb, c, a, b, subscripts).extent);
    if (out != nullptr && !shape_t::same_elements(out->shape().data(), out->rank(), shape.data(), shape.size()))
        throw shape_error("einsum: output operand with shape " + format_shape(out->shape().span()) +
                          " doesn't match the result shape " + format_shape(shape.span()) + " of subscripts '" +
                          std::string(subscripts) + "' on shapes " + format_shape(a.shape()) + " and " +
                          format_shape(b.shape()));
    tensor<V> result = out == nullptr ? tensor<V>::uninitialized_of(shape.span()) : tensor<V>();
    if (shape_size(shape.span()) == 0) return result;
    const strides_t rs = out == nullptr ? row_major_strides(shape.span()) : out->strides();
    for (std::size_t i = 0; i < spec.output.size(); ++i) {
        const char c = spec.output[i];
        contract_dim d = einsum_dim(ta, tb, c, a, b, subscripts);
        d.c = rs[i];
        const bool in_a = ta.letters.find(c) != std::string::npos, in_b = tb.letters.find(c) != std::string::npos;
        (in_a && in_b ? g.batch : in_a ? g.m : g.n).push_back(d);
    }
    contract(ta.data, tb.data, out == nullptr ? result.data() : out->data(), std::move(g));
    return result;
}

}  // namespace detail

/// NumPy's `einsum(subscripts, a)`: e.g. `"ii"` (trace), `"ii->i"` (diagonal),
/// `"ij->ji"` (a transposed copy), `"ij->j"` (column sums). A new tensor of a's element
/// type. Throws std::invalid_argument naming the subscripts when they are malformed,
/// shape_error naming the index and shape when the extents of a repeated index differ or
/// the rank is not the letter count.
template <tensor_expression A>
tensor<value_type_t<A>> einsum(std::string_view subscripts, const A& a) {
    using V = value_type_t<A>;
    const detail::einsum_spec spec = detail::parse_einsum(subscripts, 1);
    const detail::product_operand<V> pa(a);
    return detail::einsum_one<V>(spec, pa, subscripts);
}

/// NumPy's `einsum(subscripts, a, b)`: e.g. `"bij,bjk->bik"` (batched matmul),
/// `"bhqd,bhkd->bhqk"` (attention scores), `"i,i"` (dot), `"i,j->ij"` (outer). The
/// contraction is one batched GEMM on views of the operands (see linalg/contract.hpp);
/// the result has the promoted element type (as `matmul`: float, double, int32_t or
/// int64_t). Throws std::invalid_argument naming the subscripts when they are malformed,
/// shape_error naming the index and both shapes when one index has extents that differ
/// (other than 1, which broadcasts).
template <tensor_expression A, tensor_expression B>
auto einsum(std::string_view subscripts, const A& a, const B& b) {
    using V = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    const detail::einsum_spec spec = detail::parse_einsum(subscripts, 2);
    const detail::product_operand<V> pa(a), pb(b);
    return detail::einsum_two<V>(spec, pa, pb, subscripts);
}

/// NumPy's `einsum(subscripts, a, b, out=out)`: the two-operand einsum written into
/// `out` (a tensor or a writable view of the promoted element type and the result's
/// shape, any strides; it keeps its storage). Throws as the form without `out`, and
/// shape_error, leaving `out` unchanged, when its shape is not the result's.
template <tensor_expression A, tensor_expression B, class Out>
    requires memory_expression<Out> &&
             std::is_same_v<value_type_t<Out>, std::common_type_t<value_type_t<A>, value_type_t<B>>>
void einsum(std::string_view subscripts, const A& a, const B& b, Out&& out) {
    using V = value_type_t<Out>;
    const detail::einsum_spec spec = detail::parse_einsum(subscripts, 2);
    const detail::product_operand<V> pa(a), pb(b);
    tensor_view<V> o(out.data(), shape_t(out.shape()), strides_t(out.strides()));
    detail::einsum_two<V>(spec, pa, pb, subscripts, &o);
}

}  // namespace tmath
