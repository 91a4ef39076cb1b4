// Replays the slicing cases (`view` with specs as an argument pack, typed or as
// slice_spec, or as a run-time std::vector<slice_spec>; a view of a view; the errors) and
// the assignments through views (= += -= *= /= from a scalar, a broadcast operand or an
// overlapping slice of the same array). One template instance per dtype.
#include "case_file.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace npdiff {
namespace {

using tmath::slice_spec;

/// A spec list and the file's kind code of each spec (0 index, 1 range, 2 all, 3 newaxis,
/// 4 ellipsis), which picks the spec's own type for the typed argument packs.
struct spec_list {
    std::vector<slice_spec> specs;
    std::vector<std::ptrdiff_t> kinds;
};

/// A spec list as gen_index_cases.py writes it (N, then each spec's kind and values).
spec_list read_specs(param_reader& r) {
    spec_list l;
    std::vector<slice_spec>& specs = l.specs;
    const std::ptrdiff_t n = r.next();
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        l.kinds.push_back(r.next());
        switch (l.kinds.back()) {
        case 0: specs.emplace_back(r.next()); break;
        case 1: {
            const std::ptrdiff_t given = r.next();
            const std::ptrdiff_t start = r.next(), stop = r.next(), step = r.next();
            const auto bound = [&](int bit, std::ptrdiff_t v) {
                return (given >> bit & 1) != 0 ? tmath::range_bound(v) : tmath::range_bound(tmath::_);
            };
            specs.emplace_back(tmath::range(bound(0, start), bound(1, stop), bound(2, step)));
            break;
        }
        case 2: specs.emplace_back(tmath::all); break;
        case 3: specs.emplace_back(tmath::newaxis); break;
        case 4: specs.emplace_back(tmath::ellipsis); break;
        default: throw std::runtime_error("bad slice spec kind");
        }
    }
    return l;
}

/// f called with spec k of `l` as its own type: an integer, range_t, all, newaxis or ellipsis.
template <class F>
auto with_typed(const spec_list& l, std::size_t k, F f) {
    switch (l.kinds[k]) {
    case 0: return f(l.specs[k].index());
    case 1: return f(l.specs[k].as_range());
    case 2: return f(tmath::all);
    case 3: return f(tmath::newaxis);
    default: return f(tmath::ellipsis);
    }
}

/// `view(x, s0, s1, ...)`: the specs as one argument pack. One or two specs are passed as
/// their own types (every combination: 30 instances), three or four as slice_spec.
template <bool typed, class X>
auto pack_view(X& x, const spec_list& l) {
    const std::vector<slice_spec>& s = l.specs;
    switch (s.size()) {
    case 0: return tmath::view(x);
    case 1:
        if constexpr (typed) return with_typed(l, 0, [&](auto a) { return tmath::view(x, a); });
        return tmath::view(x, s[0]);
    case 2:
        if constexpr (typed)
            return with_typed(l, 0, [&](auto a) { return with_typed(l, 1, [&](auto b) { return tmath::view(x, a, b); }); });
        return tmath::view(x, s[0], s[1]);
    case 3: return tmath::view(x, s[0], s[1], s[2]);
    case 4: return tmath::view(x, s[0], s[1], s[2], s[3]);
    default: throw std::runtime_error("an argument pack of more than 4 specs is not replayed");
    }
}

/// `view`: MODE 0 an argument pack, 1 a run-time list, 2 a pack and then a run-time list
/// on the resulting view. A plain operand is sliced as the tensor itself (const for a
/// run-time list, so that the const-tensor overloads run too).
template <class T>
outcome replay_view(const test_case& c) {
    tmath::tensor<T> base;
    auto x = make_mutable_view(c.operands[0], base);
    const bool plain = is_plain(c.operands[0]);
    param_reader r{c.params};
    const std::ptrdiff_t mode = r.next();
    const spec_list specs = read_specs(r);
    const tmath::tensor_view<const T> v = [&]() -> tmath::tensor_view<const T> {
        if (mode == 1) return plain ? tmath::view(std::as_const(base), specs.specs) : tmath::view(x, specs.specs);
        return plain ? pack_view<false>(base, specs) : pack_view<true>(x, specs);
    }();
    if (mode == 2) return with_alias(tmath::view(v, read_specs(r).specs), base);
    return with_alias(v, base);
}

/// Whether compound assignment OPK (1..4: += -= *= /=) is replayed for T. Each is a
/// whole evaluator per (operation, dtype, right side), about half a second of compile
/// time, so a few dtypes each; slice_cases.py's COMPOUND table must match.
template <class T>
constexpr bool compound_replayed(int opk) {
    constexpr bool f4 = std::is_same_v<T, float>, f8 = std::is_same_v<T, double>;
    constexpr bool i4 = std::is_same_v<T, std::int32_t>, i8 = std::is_same_v<T, std::int64_t>;
    constexpr bool u1 = std::is_same_v<T, std::uint8_t>;
    switch (opk) {
    case 1: return f4 || i8 || u1;
    case 2: return f8 || i4 || u1;
    case 3: return f4 || i4;
    default: return f4 || f8;
    }
}

/// `dst op= rhs` for OPK 0..4 (= += -= *= /=), the compound ones for the dtypes of
/// compound_replayed.
template <class T, class R>
void apply(tmath::tensor_view<T>& dst, std::ptrdiff_t opk, const R& rhs) {
    if (opk == 0) {
        dst = rhs;
        return;
    }
    if constexpr (compound_replayed<T>(1))
        if (opk == 1) return void(dst += rhs);
    if constexpr (compound_replayed<T>(2))
        if (opk == 2) return void(dst -= rhs);
    if constexpr (compound_replayed<T>(3))
        if (opk == 3) return void(dst *= rhs);
    if constexpr (compound_replayed<T>(4))
        if (opk == 4) return void(dst /= rhs);
    throw std::runtime_error("assignment " + std::to_string(opk) + " is not replayed for this dtype");
}

/// `assign`: x[dst] op= (scalar | operand 1 | x[src]); the outcome is x afterwards.
template <class T>
outcome replay_assign(const test_case& c) {
    tmath::tensor<T> base, rhs_base;
    auto x = make_mutable_view(c.operands[0], base);
    param_reader r{c.params};
    const std::ptrdiff_t opk = r.next();
    const std::ptrdiff_t src = r.next();
    auto dst = tmath::view(x, read_specs(r).specs);
    if (src == 0) {
        const operand& s = c.operands.at(1);
        apply(dst, opk, is_float(s.type) ? static_cast<T>(s.data.f.at(0)) : static_cast<T>(s.data.i.at(0)));
    } else if (src == 1) {
        apply(dst, opk, make_view(c.operands.at(1), rhs_base));
    } else {  // a read-only slice of the same memory, often overlapping the destination
        const tmath::tensor_view<const T> cx(x);
        apply(dst, opk, tmath::view(cx, read_specs(r).specs));
    }
    return from_tensor(x);
}

}  // namespace

outcome replay_indexing(const test_case& c) {
    return capture([&] {
        return dispatch<float, double, std::int32_t, std::int64_t, std::uint8_t, bool>(c.operands.at(0).type, [&](auto t) {
            using T = decltype(t);
            return c.op == "view" ? replay_view<T>(c) : replay_assign<T>(c);
        });
    });
}

}  // namespace npdiff
