#pragma once
// The NumPy-differential cases: parsing one line of the file gen_cases.py writes (its
// docstring documents the format), building an operand as a tmath view, and comparing
// an operation's outcome with NumPy's result.
#include <tmath/tmath.hpp>

#include "../reference_shape.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace npdiff {

/// Element types of the cases (NumPy's dtype codes b1 i1 ... f8).
enum class dtype { b1, i1, i2, i4, i8, u1, u2, u4, u8, f4, f8 };

inline const char* dtype_name(dtype d) {
    static constexpr const char* names[] = {"b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f4", "f8"};
    return names[static_cast<int>(d)];
}

/// The dtype code of a C++ element type.
template <class T>
constexpr dtype dtype_of() {
    if constexpr (std::is_same_v<T, bool>) return dtype::b1;
    else if constexpr (std::is_same_v<T, float>) return dtype::f4;
    else if constexpr (std::is_same_v<T, double>) return dtype::f8;
    else if constexpr (std::is_signed_v<T>) return sizeof(T) == 1 ? dtype::i1 : sizeof(T) == 2 ? dtype::i2 : sizeof(T) == 4 ? dtype::i4 : dtype::i8;
    else return sizeof(T) == 1 ? dtype::u1 : sizeof(T) == 2 ? dtype::u2 : sizeof(T) == 4 ? dtype::u4 : dtype::u8;
}

inline bool is_float(dtype d) { return d == dtype::f4 || d == dtype::f8; }

using shape = test::shape;
using test::fmt;

/// Values of one array: floats as double (exact for float32), integers and bools as
/// int64 (uint64 values above 2^63 wrap, the same on both sides).
struct values {
    std::vector<double> f;
    std::vector<std::int64_t> i;
    std::size_t size() const { return f.empty() ? i.size() : f.size(); }
};

/// One operand: a row-major base array, sliced by `step`, then viewed through `view`.
struct operand {
    dtype type = dtype::f8;
    shape base;
    std::vector<std::ptrdiff_t> step;
    char view = 'n';                    ///< n, t (transpose), p (permutation), s (swapaxes)
    std::vector<std::ptrdiff_t> axes;   ///< the permutation, or the two swapped axes
    shape logical;                      ///< the shape the operation sees
    values data;                        ///< the base array's values, row-major
};

/// One case: the operation, its operands and parameters, and NumPy's result.
struct test_case {
    std::size_t line = 0;
    std::string op;
    std::vector<operand> operands;
    std::vector<std::ptrdiff_t> params;
    bool throws = false;
    std::string error_kind = "shape";  ///< what must be thrown: shape, index or value (see compare)
    std::vector<std::string> needles;  ///< what the message must contain (empty: every operand's shape)
    dtype result_type = dtype::f8;
    shape result_shape;
    double terms = 0;      ///< L: terms combined into one result element
    double magnitude = 0;  ///< M: bound on one term's magnitude
    values result;
    bool has_alias = false;            ///< the result must be a view of operand 0's base...
    std::vector<std::int64_t> alias;   ///< ...whose elements are these (row-major indices into the base)
};

/// Splits a line into whitespace-separated tokens and converts them.
class reader {
public:
    explicit reader(std::string_view s) : m_s(s) {}

    /// True when only spaces are left.
    bool at_end() {
        while (m_pos < m_s.size() && m_s[m_pos] == ' ') ++m_pos;
        return m_pos == m_s.size();
    }
    std::string_view token() {
        while (m_pos < m_s.size() && m_s[m_pos] == ' ') ++m_pos;
        const std::size_t b = m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] != ' ') ++m_pos;
        if (b == m_pos) throw std::runtime_error("unexpected end of line");
        return m_s.substr(b, m_pos - b);
    }
    std::int64_t integer() {
        const std::string t(token());
        char* end = nullptr;
        const std::int64_t v = t[0] == '-' ? std::strtoll(t.c_str(), &end, 10)
                                           : static_cast<std::int64_t>(std::strtoull(t.c_str(), &end, 10));
        if (*end != '\0') throw std::runtime_error("bad integer '" + t + "'");
        return v;
    }
    std::size_t extent() { return static_cast<std::size_t>(integer()); }
    double real(dtype d) {
        const std::string t(token());
        char* end = nullptr;
        const double v = d == dtype::f4 ? static_cast<double>(std::strtof(t.c_str(), &end)) : std::strtod(t.c_str(), &end);
        if (*end != '\0') throw std::runtime_error("bad number '" + t + "'");
        return v;
    }
    dtype type() {
        const std::string_view t = token();
        for (int k = 0; k <= static_cast<int>(dtype::f8); ++k)
            if (t == dtype_name(static_cast<dtype>(k))) return static_cast<dtype>(k);
        throw std::runtime_error("bad dtype '" + std::string(t) + "'");
    }
    values array(dtype d, std::size_t n) {
        values v;
        if (is_float(d)) {
            v.f.resize(n);
            for (auto& x : v.f) x = real(d);
        } else {
            v.i.resize(n);
            for (auto& x : v.i) x = integer();
        }
        return v;
    }
    shape dims(std::size_t rank) {
        shape s(rank);
        for (auto& d : s) d = extent();
        return s;
    }

private:
    std::string_view m_s;
    std::size_t m_pos = 0;
};

inline std::size_t count(const shape& s) {
    std::size_t n = 1;
    for (std::size_t d : s) n *= d;
    return n;
}

inline operand parse_operand(reader& r) {
    operand o;
    o.type = r.type();
    const std::size_t rank = r.extent();
    o.base = r.dims(rank);
    o.step.resize(rank);
    for (auto& s : o.step) s = static_cast<std::ptrdiff_t>(r.integer());
    o.view = r.token()[0];
    if (o.view == 'p') o.axes.resize(rank);
    if (o.view == 's') o.axes.resize(2);
    for (auto& a : o.axes) a = static_cast<std::ptrdiff_t>(r.integer());
    // The logical shape, computed independently of tmath's views.
    shape sliced(rank);
    for (std::size_t k = 0; k < rank; ++k) {
        const auto st = static_cast<std::size_t>(o.step[k] < 0 ? -o.step[k] : o.step[k]);
        sliced[k] = (o.base[k] + st - 1) / st;
    }
    const auto norm = [rank](std::ptrdiff_t a) { return static_cast<std::size_t>(a < 0 ? a + static_cast<std::ptrdiff_t>(rank) : a); };
    o.logical = sliced;
    if (o.view == 't') o.logical.assign(sliced.rbegin(), sliced.rend());
    if (o.view == 'p')
        for (std::size_t k = 0; k < rank; ++k) o.logical[k] = sliced[norm(o.axes[k])];
    if (o.view == 's') std::swap(o.logical[norm(o.axes[0])], o.logical[norm(o.axes[1])]);
    o.data = r.array(o.type, count(o.base));
    return o;
}

inline test_case parse_case(std::string_view line, std::size_t number) {
    reader r(line);
    test_case c;
    c.line = number;
    c.op = std::string(r.token());
    c.operands.resize(r.extent());
    for (auto& o : c.operands) o = parse_operand(r);
    c.params.resize(r.extent());
    for (auto& p : c.params) p = static_cast<std::ptrdiff_t>(r.integer());
    const std::string_view kind = r.token();
    if (kind == "throw") {  // optionally followed by the error's kind and needles ('~' for a space)
        c.throws = true;
        if (!r.at_end()) c.error_kind = std::string(r.token());
        while (!r.at_end()) {
            std::string needle(r.token());
            for (char& ch : needle) ch = ch == '~' ? ' ' : ch;
            c.needles.push_back(std::move(needle));
        }
        return c;
    }
    if (kind != "ok") throw std::runtime_error("expected 'ok' or 'throw'");
    c.result_type = r.type();
    c.result_shape = r.dims(r.extent());
    c.terms = static_cast<double>(r.integer());
    c.magnitude = r.real(dtype::f8);
    c.result = r.array(c.result_type, count(c.result_shape));
    if (!r.at_end()) {  // 'alias' and the base index of each element of a view result
        if (r.token() != "alias") throw std::runtime_error("expected 'alias' or the end of the line");
        c.has_alias = true;
        c.alias.resize(count(c.result_shape));
        for (auto& a : c.alias) a = r.integer();
    }
    return c;
}

/// The operand `o` as a writable tmath view of element type T into `base` (which it
/// fills): the slicing through `adapt` with strides, the permutation through transpose /
/// swapaxes.
template <class T>
tmath::tensor_view<T> make_mutable_view(const operand& o, tmath::tensor<T>& base) {
    base = tmath::empty<T>(o.base);
    for (std::size_t k = 0; k < base.size(); ++k)
        base.data()[k] = is_float(o.type) ? static_cast<T>(o.data.f[k]) : static_cast<T>(o.data.i[k]);
    const std::size_t rank = o.base.size();
    shape sliced(rank);
    std::vector<std::ptrdiff_t> strides(rank);
    std::ptrdiff_t offset = 0;
    std::ptrdiff_t row = 1;
    for (std::size_t k = rank; k-- > 0;) {
        const std::ptrdiff_t st = o.step[k];
        const auto abs_st = static_cast<std::size_t>(st < 0 ? -st : st);
        sliced[k] = (o.base[k] + abs_st - 1) / abs_st;
        strides[k] = row * st;
        if (st < 0 && o.base[k] > 0) offset += static_cast<std::ptrdiff_t>(o.base[k] - 1) * row;
        row *= static_cast<std::ptrdiff_t>(o.base[k]);
    }
    T* p = base.size() == 0 ? base.data() : base.data() + offset;
    const tmath::tensor_view<T> v = tmath::adapt(p, sliced, strides);
    switch (o.view) {
        case 't': return tmath::transpose(v);
        case 'p': return tmath::transpose(v, o.axes);
        case 's': return tmath::swapaxes(v, o.axes[0], o.axes[1]);
        default: return v;
    }
}

/// The operand `o` as a read-only tmath view into `base` (which it fills).
template <class T>
tmath::tensor_view<const T> make_view(const operand& o, tmath::tensor<T>& base) {
    return make_mutable_view(o, base);
}

/// True when operand `o` is its whole base array as it is (no step, no permutation).
inline bool is_plain(const operand& o) {
    for (std::ptrdiff_t s : o.step)
        if (s != 1) return false;
    return o.view == 'n';
}

/// What an operation gave: its result, or the exception it threw.
struct outcome {
    bool threw_shape_error = false;
    std::string error;  ///< the message of the exception, if any
    dtype type = dtype::f8;
    shape result_shape;
    values result;
    std::string error_kind;            ///< shape, index, value (std::invalid_argument) or other
    bool has_alias = false;            ///< the result is a view of operand 0's base...
    std::vector<std::int64_t> alias;   ///< ...at these row-major indices of the base
};

/// The outcome of a replay that found a fault itself (no exception): `why`.
inline outcome failure(std::string why) {
    outcome o;
    o.error = std::move(why);
    return o;
}

/// The outcome of a finished computation: a tensor (or view) of R read through its strides.
template <class X>
outcome from_tensor(const X& x) {
    using R = tmath::value_type_t<X>;
    outcome o;
    o.type = dtype_of<R>();
    o.result_shape.assign(x.shape().begin(), x.shape().end());
    const std::size_t n = count(o.result_shape);
    const tmath::tensor<R> c(x);  // row-major copy
    for (std::size_t k = 0; k < n; ++k) {
        if constexpr (std::is_floating_point_v<R>) o.result.f.push_back(static_cast<double>(c.data()[k]));
        else o.result.i.push_back(static_cast<std::int64_t>(c.data()[k]));
    }
    return o;
}

/// The outcome of an operation that gives a scalar (rank 0).
template <class R>
outcome from_scalar(R v) {
    outcome o;
    o.type = dtype_of<R>();
    if constexpr (std::is_floating_point_v<R>) o.result.f.push_back(static_cast<double>(v));
    else o.result.i.push_back(static_cast<std::int64_t>(v));
    return o;
}

/// Runs `f` (which returns an outcome) and records a shape_error or any other exception.
template <class F>
outcome capture(F&& f) {
    try {
        return f();
    } catch (const tmath::shape_error& e) {
        outcome o;
        o.threw_shape_error = true;
        o.error = e.what();
        o.error_kind = "shape";
        return o;
    } catch (const tmath::index_error& e) {
        outcome o;
        o.error = e.what();
        o.error_kind = "index";
        return o;
    } catch (const std::invalid_argument& e) {  // not a shape_error (caught above)
        outcome o;
        o.error = e.what();
        o.error_kind = "value";
        return o;
    } catch (const std::exception& e) {
        outcome o;
        o.error = std::string("unexpected exception: ") + e.what();
        o.error_kind = "other";
        return o;
    }
}

/// Reads the integer params of a case in order.
struct param_reader {
    const std::vector<std::ptrdiff_t>& params;
    std::size_t at = 0;
    std::ptrdiff_t next() { return params.at(at++); }
    /// The next N values, N read first.
    std::vector<std::ptrdiff_t> list() {
        std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(next()));
        for (auto& x : v) x = next();
        return v;
    }
};

/// Machine epsilon of a float dtype.
inline double eps(dtype d) {
    return d == dtype::f4 ? static_cast<double>(std::numeric_limits<float>::epsilon()) : std::numeric_limits<double>::epsilon();
}

/// Empty when `got` matches the case's expectation; otherwise what differs.
inline std::string compare(const test_case& c, const outcome& got) {
    if (c.throws) {
        if (got.error_kind != c.error_kind)
            return got.error.empty() ? "expected a " + c.error_kind + " error, nothing thrown"
                                     : "expected a " + c.error_kind + " error, got: " + got.error;
        if (!c.needles.empty()) {
            for (const auto& n : c.needles)
                if (got.error.find(n) == std::string::npos) return "message '" + got.error + "' does not contain '" + n + "'";
            return {};
        }
        for (const auto& o : c.operands)  // the message names every operand's shape
            if (got.error.find(fmt(o.logical)) == std::string::npos)
                return "shape_error message '" + got.error + "' does not name shape " + fmt(o.logical);
        return {};
    }
    if (got.threw_shape_error || !got.error.empty()) return "threw: " + got.error;
    if (got.type != c.result_type)
        return std::string("result dtype ") + dtype_name(got.type) + " != NumPy's " + dtype_name(c.result_type);
    if (got.result_shape != c.result_shape) return "result shape " + fmt(got.result_shape) + " != NumPy's " + fmt(c.result_shape);
    const std::size_t n = c.result.size();
    if (got.result.size() != n) return "result has " + std::to_string(got.result.size()) + " values, expected " + std::to_string(n);
    std::ostringstream os;
    os.precision(17);
    for (std::size_t k = 0; k < n; ++k) {
        if (is_float(c.result_type)) {
            const double g = got.result.f[k], w = c.result.f[k];
            if (std::isnan(w) && std::isnan(g)) continue;
            if (g == w) continue;  // also equal infinities
            const double tol = 8 * eps(c.result_type) * (std::abs(w) + c.terms * c.magnitude);
            if (std::abs(g - w) <= tol) continue;
            os << "element " << k << ": got " << g << ", expected " << w << " (tolerance " << tol << ")";
            return os.str();
        }
        if (got.result.i[k] != c.result.i[k]) {
            os << "element " << k << ": got " << got.result.i[k] << ", expected " << c.result.i[k];
            return os.str();
        }
    }
    if (c.has_alias) {  // NumPy's result is a view: tmath's must be one of the same elements
        if (!got.has_alias) return "NumPy gives a view, tmath does not";
        for (std::size_t k = 0; k < n; ++k)
            if (got.alias[k] != c.alias[k]) {
                os << "element " << k << " is base element " << got.alias[k] << ", NumPy's view has " << c.alias[k];
                return os.str();
            }
    }
    return {};
}

/// The outcome of a result `v` that should be a view of `base`: its values, and which
/// element of the base each of its elements is (row-major indices).
template <class V, class T>
outcome with_alias(const V& v, const tmath::tensor<T>& base) {
    outcome o = from_tensor(v);
    o.has_alias = true;
    for (const auto& e : v) o.alias.push_back(static_cast<std::int64_t>(&e - base.data()));
    return o;
}

/// Outcome of the arithmetic cases (+, -, *, /, maximum, minimum).
outcome replay_arithmetic(const test_case& c);
/// Outcome of the comparison, where and unary-function cases.
outcome replay_functions(const test_case& c);
/// Outcome of the matmul and dot cases.
outcome replay_products(const test_case& c);
/// Outcome of the reduction and softmax cases.
outcome replay_reductions(const test_case& c);
/// Outcome of the slicing and view-assignment cases (view, assign).
outcome replay_indexing(const test_case& c);
/// Outcome of the shape cases: reshape, ravel, squeeze, expand_dims, moveaxis,
/// broadcast_to, concatenate, stack, split, take, take_along_axis.
outcome replay_shapes(const test_case& c);

// Issue 19's everyday functions, one replay file per area (gen_everyday_cases.py and its
// everyday_<area>.py modules write the cases). `handles_<area>(op)` is true for the
// operations that area replays.
/// Creation: arange, linspace, eye, *_like, tril, triu.
bool handles_creation(const std::string& op);
outcome replay_creation(const test_case& c);
/// Casts and logic: astype, bitwise and logical operations, isnan..., any/all/count_nonzero.
bool handles_logic(const std::string& op);
outcome replay_logic(const test_case& c);
/// Element-wise math: sin ... erf, rounding, clip, remainder, fmod, pow with a tensor exponent.
bool handles_math(const std::string& op);
outcome replay_math(const test_case& c);
/// Statistics: argmax/argmin, cumsum/cumprod, var/stddev, norm, logsumexp.
bool handles_stats(const std::string& op);
outcome replay_stats(const test_case& c);
/// Contractions: vecdot, outer, inner, vdot, trace, tensordot, einsum.
bool handles_contract(const std::string& op);
outcome replay_contract(const test_case& c);

/// f(T{}) for the type T among Ts whose dtype is d; only those types are instantiated.
template <class... Ts, class F>
outcome dispatch(dtype d, F&& f) {
    outcome r;
    const bool found = ((dtype_of<Ts>() == d ? (r = f(Ts{}), true) : false) || ...);
    if (!found) r.error = std::string("no replay for dtype ") + dtype_name(d);
    return r;
}

/// A reduction of operand 0 in the case's mode (params MODE KEEPDIMS axis...): 0 over
/// everything (`all(x)`, a scalar), 1 along one axis, 2 along a list of axes
/// (`along(x, axis or axes, keepdims)`), for the dtypes Ts.
template <class... Ts, class All, class Along>
outcome reduce_in_mode(const test_case& c, All all, Along along) {
    return dispatch<Ts...>(c.operands[0].type, [&](auto t) {
        tmath::tensor<decltype(t)> base;
        const auto x = make_view(c.operands[0], base);
        const std::ptrdiff_t mode = c.params.at(0);
        const bool keep = c.params.at(1) != 0;
        const std::vector<std::ptrdiff_t> axes(c.params.begin() + 2, c.params.end());
        if (mode == 0) return from_scalar(all(x));
        if (mode == 1) return from_tensor(along(x, axes.at(0), keep));
        return from_tensor(along(x, axes, keep));
    });
}

}  // namespace npdiff
