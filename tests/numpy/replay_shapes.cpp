// Replays the shape cases: reshape and ravel (a view exactly where NumPy gives one, else
// shape_error "evaluate it first"), squeeze / expand_dims / moveaxis / broadcast_to
// (views of the operand's own elements), concatenate / stack (braced lists mixing
// tensors and views, or std::vector), split (views), take and take_along_axis (int64 or
// int32 indices, or a braced list). One template instance per dtype.
#include "case_file.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace npdiff {
namespace {

using i32 = std::int32_t;
using i64 = std::int64_t;

/// `reshape` / `ravel`: SRC 1 reshapes a temporary tensor (a tensor back); SRC 0 the
/// operand itself, a view where NumPy's result shares memory; where NumPy copies, tmath
/// must refuse with shape_error "evaluate it first" and reshape(eval(x)) gives the values.
template <class T>
outcome replay_reshape(const test_case& c) {
    tmath::tensor<T> base;
    const auto x = make_mutable_view(c.operands[0], base);
    param_reader r{c.params};
    const std::ptrdiff_t src = r.next();
    const bool numpy_view = r.next() != 0;
    const bool ravel = c.op == "ravel";
    const std::vector<std::ptrdiff_t> dims = ravel ? std::vector<std::ptrdiff_t>{} : r.list();
    const auto apply = [&](auto&& y) {
        return ravel ? tmath::ravel(std::forward<decltype(y)>(y)) : tmath::reshape(std::forward<decltype(y)>(y), dims);
    };
    if (src == 1) return from_tensor(apply(tmath::tensor<T>(x)));
    if (c.throws || numpy_view) return is_plain(c.operands[0]) ? with_alias(apply(base), base) : with_alias(apply(x), base);
    try {
        const auto v = apply(x);
        return failure("tmath gives a view of shape " + fmt(shape(v.shape().begin(), v.shape().end())) +
                     " where NumPy copies");
    } catch (const tmath::shape_error& e) {
        if (std::string(e.what()).find("evaluate it first") == std::string::npos)
            return failure(std::string("shape_error without 'evaluate it first': ") + e.what());
    }
    return from_tensor(apply(tmath::eval(x)));
}

/// squeeze, expand_dims, moveaxis, broadcast_to: views of the operand's elements; axes as
/// an int (MODE 1), a braced list of two or a std::vector (MODE 2).
template <class T>
outcome replay_dimension_view(const test_case& c) {
    tmath::tensor<T> base;
    const auto x = make_mutable_view(c.operands[0], base);
    const bool plain = is_plain(c.operands[0]);
    param_reader r{c.params};
    const std::string& op = c.op;
    if (op == "broadcast_to") {
        std::vector<std::size_t> to;
        for (std::ptrdiff_t d : r.list()) to.push_back(static_cast<std::size_t>(d));
        return plain ? with_alias(tmath::broadcast_to(base, to), base) : with_alias(tmath::broadcast_to(x, to), base);
    }
    const std::ptrdiff_t mode = r.next();
    if (op == "squeeze") {
        if (mode == 0) return plain ? with_alias(tmath::squeeze(std::as_const(base)), base) : with_alias(tmath::squeeze(x), base);
        if (mode == 1) return with_alias(tmath::squeeze(x, r.next()), base);
        const auto axes = r.list();
        if (axes.size() == 2) return with_alias(tmath::squeeze(x, {axes[0], axes[1]}), base);
        return with_alias(tmath::squeeze(x, axes), base);
    }
    if (op == "expand_dims") {
        if (mode == 1) return with_alias(tmath::expand_dims(x, r.next()), base);
        const auto axes = r.list();
        if (axes.size() == 2) return with_alias(tmath::expand_dims(x, {axes[0], axes[1]}), base);
        return with_alias(tmath::expand_dims(x, axes), base);
    }
    if (op == "moveaxis") {
        const auto from = r.list();
        const auto to = r.list();
        if (mode == 1) return with_alias(tmath::moveaxis(x, from.at(0), to.at(0)), base);
        if (from.size() == 2 && to.size() == 2)
            return with_alias(tmath::moveaxis(x, {from[0], from[1]}, {to[0], to[1]}), base);
        return with_alias(tmath::moveaxis(x, from, to), base);
    }
    throw std::runtime_error("unknown shape operation " + op);
}

/// concatenate / stack: FORM 0 a braced list (the second operand as a tensor, the
/// others as views), FORM 1 a std::vector of views.
template <class T>
outcome replay_join(const test_case& c) {
    std::vector<tmath::tensor<T>> bases(c.operands.size());
    std::vector<tmath::tensor_view<const T>> xs;
    for (std::size_t k = 0; k < c.operands.size(); ++k) xs.push_back(make_view(c.operands[k], bases[k]));
    param_reader r{c.params};
    const std::ptrdiff_t axis = r.next();
    const std::ptrdiff_t form = r.next();
    const bool stack = c.op == "stack";
    if (form == 1) return from_tensor(stack ? tmath::stack(xs, axis) : tmath::concatenate(xs, axis));
    const tmath::tensor<T> second = xs.size() > 1 ? tmath::tensor<T>(xs[1]) : tmath::tensor<T>();
    switch (xs.size()) {
    case 1: return from_tensor(stack ? tmath::stack({xs[0]}, axis) : tmath::concatenate({xs[0]}, axis));
    case 2: return from_tensor(stack ? tmath::stack({xs[0], second}, axis) : tmath::concatenate({xs[0], second}, axis));
    case 3:
        return from_tensor(stack ? tmath::stack({xs[0], second, xs[2]}, axis)
                                 : tmath::concatenate({xs[0], second, xs[2]}, axis));
    default: throw std::runtime_error("a braced list of more than 3 operands is not replayed");
    }
}

/// split: part PART of the views (sections, or indices as a braced list of two or a
/// std::vector), which must number NPARTS.
template <class T>
outcome replay_split(const test_case& c) {
    tmath::tensor<T> base;
    const auto x = make_mutable_view(c.operands[0], base);
    param_reader r{c.params};
    const std::ptrdiff_t mode = r.next();
    const std::ptrdiff_t axis = r.next();
    const auto nparts = static_cast<std::size_t>(r.next());
    const auto part = static_cast<std::size_t>(r.next());
    std::vector<tmath::tensor_view<T>> parts;
    if (mode == 0) {
        parts = tmath::split(x, r.next(), axis);
    } else {
        const auto at = r.list();
        parts = at.size() == 2 ? tmath::split(x, {at[0], at[1]}, axis) : tmath::split(x, at, axis);
    }
    if (c.throws) return {};  // it should have thrown
    if (parts.size() != nparts)
        return failure("split gives " + std::to_string(parts.size()) + " parts, NumPy " + std::to_string(nparts));
    return with_alias(parts.at(part), base);
}

/// take (MODE 0 flattened, 1 along an axis, 2 a braced list along an axis) and
/// take_along_axis, with the indices of operand 1 as int64 or int32.
template <class T>
outcome replay_take(const test_case& c) {
    tmath::tensor<T> base;
    const auto x = make_view(c.operands[0], base);
    param_reader r{c.params};
    const bool along = c.op == "take_along_axis";
    const std::ptrdiff_t mode = along ? 1 : r.next();
    const std::ptrdiff_t axis = r.next();
    if (mode == 2) {
        const auto at = r.list();
        switch (at.size()) {
        case 1: return from_tensor(tmath::take(x, {at[0]}, axis));
        case 2: return from_tensor(tmath::take(x, {at[0], at[1]}, axis));
        case 3: return from_tensor(tmath::take(x, {at[0], at[1], at[2]}, axis));
        default: throw std::runtime_error("a braced list of more than 3 indices is not replayed");
        }
    }
    return dispatch<i64, i32>(c.operands.at(1).type, [&](auto i) {
        using I = decltype(i);
        tmath::tensor<I> index_base;
        const auto idx = make_view(c.operands[1], index_base);
        if (along) return from_tensor(tmath::take_along_axis(x, idx, axis));
        return from_tensor(mode == 0 ? tmath::take(x, idx) : tmath::take(x, idx, axis));
    });
}

}  // namespace

outcome replay_shapes(const test_case& c) {
    return capture([&] {
        return dispatch<float, double, i32, i64, std::uint8_t, bool>(c.operands.at(0).type, [&](auto t) {
            using T = decltype(t);
            const std::string& op = c.op;
            if (op == "reshape" || op == "ravel") return replay_reshape<T>(c);
            if (op == "concatenate" || op == "stack") return replay_join<T>(c);
            if (op == "split") return replay_split<T>(c);
            if (op == "take" || op == "take_along_axis") return replay_take<T>(c);
            return replay_dimension_view<T>(c);
        });
    });
}

}  // namespace npdiff
