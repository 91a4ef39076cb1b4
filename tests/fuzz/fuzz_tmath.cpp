// libFuzzer target: bytes become an element type, up to three base tensors (rank 0-4,
// extents 0-5, small exact values), a view of each (transpose, permutation, swapaxes,
// strided slice with positive or negative steps, a stride-0 broadcast dimension; the
// views may share memory) and one operation: element-wise arithmetic, a fused
// expression, matmul, dot, a reduction, softmax, or an assignment form into an existing
// destination. Each run must end in the reference result (tests/fuzz/reference.hpp) or
// in the typed exception the reference predicts, with a message naming the operation
// and the shapes, and a destination left bit-for-bit unchanged. Anything else aborts.
//
// Built two ways: with clang -fsanitize=fuzzer (TMATH_BUILD_FUZZER) as the fuzzer, and
// with replay_main.cpp as tmath_fuzz_replay, which runs the saved inputs under CTest.

#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "reference.hpp"

namespace {

using fuzzref::array;
using fuzzref::shape;
using fuzzref::strides;

/// What the current run works on (printed with a failure).
std::string g_context;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "tmath fuzz failure: %s\n%s", what.c_str(), g_context.c_str());
    std::fflush(stderr);
    std::abort();
}

/// The fuzzer's bytes, read front to back; zeros once they run out.
class byte_reader {
public:
    byte_reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    std::uint8_t next() { return m_pos < m_size ? m_data[m_pos++] : std::uint8_t{0}; }
    std::size_t below(std::size_t n) { return next() % n; }
    /// An integer in [lo, hi].
    std::ptrdiff_t between(std::ptrdiff_t lo, std::ptrdiff_t hi) {
        return lo + static_cast<std::ptrdiff_t>(below(static_cast<std::size_t>(hi - lo + 1)));
    }
    bool exhausted() const { return m_pos >= m_size; }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

/// What a run must end in: a result, or an exception of a kind whose message holds
/// every needle.
enum class error_kind { none, bad_shape, bad_axis };
struct expectation {
    error_kind kind = error_kind::none;
    std::vector<std::string> needles;
    static expectation ok() { return {}; }
    static expectation shape_error(std::vector<std::string> n) { return {error_kind::bad_shape, std::move(n)}; }
    static expectation axis_error(std::vector<std::string> n) { return {error_kind::bad_axis, std::move(n)}; }
};

void check_message(const char* what, const expectation& e) {
    for (const auto& n : e.needles)
        if (std::string(what).find(n) == std::string::npos)
            fail("exception message \"" + std::string(what) + "\" does not contain \"" + n + "\"");
}

/// Runs `f`; true if it returned, false if it threw the expected exception. Aborts on
/// an unexpected exception, a missing one, or a message without the needles.
template <class F>
bool attempt(const char* op, const expectation& e, F&& f) {
    const std::string where = std::string(op) + ": ";
    try {
        f();
    } catch (const tmath::shape_error& x) {
        if (e.kind != error_kind::bad_shape) fail(where + "unexpected shape_error: " + x.what());
        check_message(x.what(), e);
        return false;
    } catch (const std::out_of_range& x) {
        if (e.kind != error_kind::bad_axis) fail(where + "unexpected out_of_range: " + x.what());
        check_message(x.what(), e);
        return false;
    } catch (const std::invalid_argument& x) {
        if (e.kind != error_kind::bad_axis) fail(where + "unexpected invalid_argument: " + x.what());
        check_message(x.what(), e);
        return false;
    } catch (const std::exception& x) {
        fail(where + "unexpected exception: " + x.what());
    }
    if (e.kind != error_kind::none) {
        std::string n;
        for (const auto& s : e.needles) n += " " + s;
        fail(where + "expected an exception naming" + n);
    }
    return true;
}

/// An element value from one byte: small integers, or quarters in [-4, 4] (exact in
/// float, so sums and products of the reference and of tmath agree bit for bit).
template <class T>
T value_from(std::uint8_t b) {
    const int v = static_cast<int>(b % 33) - 16;
    if constexpr (std::is_floating_point_v<T>) return static_cast<T>(v) / T(4);
    else return static_cast<T>(v / 2);
}

/// Compares a tmath result (a tensor, row-major) with the reference.
template <class R, class X>
void check_result(const char* op, const X& got, const array<R>& want) {
    const shape gs(got.shape().begin(), got.shape().end());
    if (gs != want.s) fail(std::string(op) + ": shape " + fuzzref::fmt(gs) + " != expected " + fuzzref::fmt(want.s));
    for (std::size_t k = 0; k < want.v.size(); ++k)
        if (!fuzzref::same(got.data()[k], want.v[k]))
            fail(std::string(op) + ": element " + std::to_string(k) + " of " + fuzzref::fmt(want.s) + ": got " +
                 std::to_string(got.data()[k]) + ", expected " + std::to_string(want.v[k]));
}

/// One operand: the reference's idea of where its elements are, and tmath's view.
template <class T>
struct operand {
    fuzzref::view ref;
    std::optional<tmath::tensor_view<T>> view;
    const tmath::tensor<T>* whole = nullptr;  ///< the base tensor, when the view is all of it
};

/// Calls f with the operand as the tensor itself where it is a whole base tensor (the
/// owning-operand paths), else with its view.
template <class T, class F>
void with_operand(const operand<T>& o, F&& f) {
    if (o.whole != nullptr) f(*o.whole);
    else f(*o.view);
}

/// Builds operand `o` over base tensor `base` (number `id`) from a recipe in the bytes.
/// Returns false when the recipe is invalid (the expected exception was checked).
template <class T>
bool make_operand(byte_reader& in, tmath::tensor<T>& base, int id, operand<T>& o) {
    const shape bs(base.shape().begin(), base.shape().end());
    const strides rs = fuzzref::row_major(bs);
    const std::size_t r = bs.size();
    const auto rank_name = std::to_string(r);
    o.ref = fuzzref::view{bs, rs, 0, id};
    switch (in.below(6)) {
        case 0:
            o.view.emplace(tmath::adapt(base.data(), bs));
            o.whole = &base;
            return true;
        case 1: {
            o.ref.s.assign(bs.rbegin(), bs.rend());
            o.ref.st.assign(rs.rbegin(), rs.rend());
            o.view.emplace(tmath::transpose(base));
            return true;
        }
        case 2: {  // transpose(x, axes): maybe the wrong count, out of range or repeated
            const std::size_t n = in.below(r + 2);
            std::vector<std::ptrdiff_t> axes(n);
            const auto ri = static_cast<std::ptrdiff_t>(r);
            for (auto& a : axes) a = in.between(-ri - 1, ri);
            std::optional<expectation> bad;
            if (n != r) bad = expectation::axis_error({"transpose", rank_name});
            std::vector<bool> seen(r, false);
            for (std::size_t i = 0; i < n && !bad; ++i) {
                if (axes[i] < -ri || axes[i] >= ri) {
                    bad = expectation::axis_error({"transpose", std::to_string(axes[i]), rank_name});
                    break;
                }
                const auto a = static_cast<std::size_t>(axes[i] < 0 ? axes[i] + ri : axes[i]);
                if (seen[a]) bad = expectation::axis_error({"transpose", std::to_string(axes[i]), rank_name});
                seen[a] = true;
                o.ref.s[i] = bs[a];
                o.ref.st[i] = rs[a];
            }
            return attempt("transpose", bad ? *bad : expectation::ok(),
                           [&] { o.view.emplace(tmath::transpose(base, axes)); });
        }
        case 3: {  // swapaxes(x, i, j), maybe out of range
            const std::ptrdiff_t i = in.between(-5, 4), j = in.between(-5, 4);
            const auto ri = static_cast<std::ptrdiff_t>(r);
            expectation e;
            if (i < -ri || i >= ri) e = expectation::axis_error({"swapaxes", std::to_string(i), rank_name});
            else if (j < -ri || j >= ri) e = expectation::axis_error({"swapaxes", std::to_string(j), rank_name});
            else {
                const auto a = static_cast<std::size_t>(i < 0 ? i + ri : i);
                const auto b = static_cast<std::size_t>(j < 0 ? j + ri : j);
                std::swap(o.ref.s[a], o.ref.s[b]);
                std::swap(o.ref.st[a], o.ref.st[b]);
            }
            return attempt("swapaxes", e, [&] { o.view.emplace(tmath::swapaxes(base, i, j)); });
        }
        case 4: {  // a strided slice x[start::step] per dimension; negative steps walk back
            for (std::size_t d = 0; d < r; ++d) {
                if (bs[d] == 0) continue;
                static constexpr std::ptrdiff_t steps[] = {1, 2, 3, -1, -2, 1};
                const std::ptrdiff_t step = steps[in.below(6)];
                const auto start = static_cast<std::ptrdiff_t>(in.below(bs[d]));
                const auto len = step > 0 ? (static_cast<std::ptrdiff_t>(bs[d]) - start + step - 1) / step
                                          : (start + 1 + (-step) - 1) / (-step);
                o.ref.offset += start * rs[d];
                o.ref.s[d] = static_cast<std::size_t>(len);
                o.ref.st[d] = step * rs[d];
            }
            if (base.size() == 0) o.ref.offset = 0;  // no memory to step into (data() is null)
            o.view.emplace(tmath::adapt(base.data() + o.ref.offset, o.ref.s, o.ref.st));
            return true;
        }
        default: {  // a stride-0 dimension of extent 0-3 (a broadcast view)
            const std::size_t at = in.below(r + 1);
            const std::size_t extent = in.below(4);
            o.ref.s.insert(o.ref.s.begin() + static_cast<std::ptrdiff_t>(at), extent);
            o.ref.st.insert(o.ref.st.begin() + static_cast<std::ptrdiff_t>(at), 0);
            o.view.emplace(tmath::adapt(base.data(), o.ref.s, o.ref.st));
            return true;
        }
    }
}

/// A base tensor of a shape from the header bytes, filled from the value bytes (a
/// fixed pattern once those run out).
template <class T>
tmath::tensor<T> make_base(byte_reader& header, byte_reader& values) {
    shape s(header.below(5));
    for (auto& d : s) d = header.below(6);
    tmath::tensor<T> t = tmath::empty<T>(s);
    std::size_t k = 0;
    for (T& v : t) {
        v = value_from<T>(values.exhausted() ? static_cast<std::uint8_t>(k * 7 + 3) : values.next());
        ++k;
    }
    return t;
}

template <class T>
struct state {
    tmath::tensor<T> bases[3];
    std::vector<T> before[3];  // the bases' values before the operation
    operand<T> a, b, c;

    array<T> ref(const operand<T>& o) const { return fuzzref::values_of(o.ref, before[o.ref.base]); }
    void snapshot() {
        for (int i = 0; i < 3; ++i) before[i].assign(bases[i].begin(), bases[i].end());
    }
    /// Every base holds `want` (the values before, with the destination's writes).
    void check_bases(const char* op, const std::vector<T> (&want)[3], int skip = -1) const {
        for (int i = 0; i < 3; ++i) {
            if (i == skip) continue;
            if (want[i].size() != bases[i].size()) fail(std::string(op) + ": base size changed");
            for (std::size_t k = 0; k < want[i].size(); ++k)
                if (!fuzzref::same(bases[i].data()[k], want[i][k]))
                    fail(std::string(op) + ": base " + std::to_string(i) + " element " + std::to_string(k) + ": got " +
                         std::to_string(bases[i].data()[k]) + ", expected " + std::to_string(want[i][k]));
        }
    }
    /// Every base is bit-for-bit what it was (a failed operation wrote nothing).
    void check_unchanged(const char* op) const {
        for (int i = 0; i < 3; ++i)
            if (bases[i].size() != 0 &&
                std::memcmp(bases[i].data(), before[i].data(), bases[i].size() * sizeof(T)) != 0)
                fail(std::string(op) + ": a failed operation changed base " + std::to_string(i));
    }
};

template <class T>
constexpr const char* name_of(int f) {
    constexpr const char* names[] = {"add", "subtract", "multiply", "divide"};
    return names[f];
}

template <class T>
T apply(int f, T x, T y) {
    switch (f) {
        case 0: return static_cast<T>(x + y);
        case 1: return static_cast<T>(x - y);
        case 2: return static_cast<T>(x * y);
        default: return static_cast<T>(x / y);
    }
}

/// The reference of `x f y` with broadcasting, or the expected shape_error.
template <class T>
std::optional<array<T>> ref_binary(int f, const array<T>& x, const array<T>& y, expectation& e) {
    const auto s = fuzzref::broadcast(x.s, y.s);
    if (!s) {
        e = expectation::shape_error({name_of<T>(f), fuzzref::fmt(x.s), fuzzref::fmt(y.s)});
        return std::nullopt;
    }
    return fuzzref::map2(*s, x, y, [f](T p, T q) { return apply(f, p, q); });
}

/// The element-wise operations: a f b, a * b + c, scalars on either side.
template <class T>
void run_elementwise(byte_reader& in, state<T>& st) {
    const auto& a = *st.a.view;
    const auto& b = *st.b.view;
    const auto& c = *st.c.view;
    const array<T> ra = st.ref(st.a), rb = st.ref(st.b), rc = st.ref(st.c);
    const int f = static_cast<int>(in.below(std::is_floating_point_v<T> ? 4 : 3));
    expectation e;
    switch (in.below(3)) {
        case 0: {
            const auto want = ref_binary(f, ra, rb, e);
            with_operand(st.a, [&](const auto& x) {
                tmath::tensor<T> got;
                if (attempt("binary", e, [&] {
                        switch (f) {
                            case 0: got = x + b; break;
                            case 1: got = x - b; break;
                            case 2: got = x * b; break;
                            default: got = x / b; break;
                        }
                    }))
                    check_result("binary", got, *want);
            });
            break;
        }
        case 1: {  // fused a * b + c
            auto want = ref_binary(2, ra, rb, e);
            if (want) want = ref_binary(0, *want, rc, e);
            tmath::tensor<T> got;
            if (attempt("fused", e, [&] { got = a * b + c; })) check_result("fused", got, *want);
            break;
        }
        default: {  // scalars: s * a - b / s2 (floats) or s * a - b * s2 (integers)
            const T s = value_from<T>(in.next());
            const T s2 = std::is_floating_point_v<T> ? T(2) : T(3);
            const int g = std::is_floating_point_v<T> ? 3 : 2;
            array<T> sa = ra;
            for (auto& v : sa.v) v = static_cast<T>(s * v);
            array<T> sb = rb;
            for (auto& v : sb.v) v = apply(g, v, s2);
            const auto want = ref_binary(1, sa, sb, e);
            tmath::tensor<T> got;
            if (attempt("scalars", e, [&] {
                    if constexpr (std::is_floating_point_v<T>) got = s * a - b / s2;
                    else got = s * a - b * s2;
                }))
                check_result("scalars", got, *want);
            break;
        }
    }
}

/// matmul(a, b) into a new tensor, and dot(a, b).
template <class T>
void run_products(byte_reader& in, state<T>& st) {
    const auto& a = *st.a.view;
    const auto& b = *st.b.view;
    const array<T> ra = st.ref(st.a), rb = st.ref(st.b);
    const auto both = std::vector<std::string>{fuzzref::fmt(ra.s), fuzzref::fmt(rb.s)};
    if (in.below(2) == 0) {
        const auto want = fuzzref::matmul(ra, rb);
        expectation e;
        if (!want) e = expectation::shape_error({"matmul", both[0], both[1]});
        with_operand(st.a, [&](const auto& x) {
            with_operand(st.b, [&](const auto& y) {
                tmath::tensor<T> got;
                if (attempt("matmul", e, [&] { got = tmath::matmul(x, y); })) check_result("matmul", got, *want);
            });
        });
    } else {
        expectation e;
        if (ra.s.size() != 1 || rb.s.size() != 1 || ra.s[0] != rb.s[0])
            e = expectation::shape_error({"dot", both[0], both[1]});
        T got{};
        if (attempt("dot", e, [&] { got = tmath::dot(a, b); })) {
            T want{};
            for (std::size_t i = 0; i < ra.v.size(); ++i) want = static_cast<T>(want + ra.v[i] * rb.v[i]);
            if (!fuzzref::same(got, want))
                fail("dot: got " + std::to_string(got) + ", expected " + std::to_string(want));
        }
    }
}

/// sum/max along an axis or over everything, and softmax along an axis.
template <class T>
void run_reductions(byte_reader& in, state<T>& st) {
    const auto& a = *st.a.view;
    const array<T> ra = st.ref(st.a);
    const auto r = static_cast<std::ptrdiff_t>(ra.s.size());
    const std::ptrdiff_t axis = in.between(-5, 4);
    const bool whole = in.below(3) == 0;
    std::optional<std::size_t> k;
    expectation e;
    if (!whole) {
        if (axis < -r || axis >= r) e = expectation::axis_error({std::to_string(axis), std::to_string(r)});
        else k = static_cast<std::size_t>(axis < 0 ? axis + r : axis);
    }
    using S = tmath::sum_result_t<T>;
    using M = tmath::mean_result_t<T>;
    switch (in.below(std::is_floating_point_v<T> ? 4 : 3)) {
        case 0: {
            const auto want = fuzzref::reduce<S>(ra, k, S(0), [](S acc, S x, bool) { return static_cast<S>(acc + x); });
            with_operand(st.a, [&](const auto& x) {
                if (whole) {
                    S got{};
                    if (attempt("sum", e, [&] { got = tmath::sum(x); }) && !fuzzref::same(got, want.v[0]))
                        fail("sum: got " + std::to_string(got) + ", expected " + std::to_string(want.v[0]));
                } else {
                    tmath::tensor<S> got;
                    if (attempt("sum", e, [&] { got = tmath::sum(x, axis); })) check_result("sum", got, want);
                }
            });
            break;
        }
        case 2: {  // mean: the sum divided by the count, in M (NaN when empty, as NumPy)
            auto want = fuzzref::reduce<M>(ra, k, M(0), [](M acc, M x, bool) { return static_cast<M>(acc + x); });
            std::size_t n = 1;
            for (std::size_t d = 0; d < ra.s.size(); ++d)
                if (!k || d == *k) n *= ra.s[d];
            for (auto& v : want.v) v = static_cast<M>(v / static_cast<M>(n));
            if (whole) {
                M got{};
                if (attempt("mean", e, [&] { got = tmath::mean(a); }) && !fuzzref::same(got, want.v[0]))
                    fail("mean: got " + std::to_string(got) + ", expected " + std::to_string(want.v[0]));
            } else {
                tmath::tensor<M> got;
                if (attempt("mean", e, [&] { got = tmath::mean(a, axis); })) check_result("mean", got, want);
            }
            break;
        }
        case 1: {
            const auto want = fuzzref::reduce<T>(ra, k, T(0), [](T acc, T x, bool first) { return first || x > acc ? x : acc; });
            // A reduction over an empty extent has no maximum, as in NumPy, even when the
            // result itself is empty (another axis is zero).
            const bool empty_reduction = k ? ra.s[*k] == 0 : fuzzref::count(ra.s) == 0;
            if (e.kind == error_kind::none && empty_reduction) e = expectation::shape_error({"max", fuzzref::fmt(ra.s)});
            if (whole) {
                T got{};
                if (attempt("max", e, [&] { got = tmath::max(a); }) && !fuzzref::same(got, want.v[0]))
                    fail("max: got " + std::to_string(got) + ", expected " + std::to_string(want.v[0]));
            } else {
                tmath::tensor<T> got;
                if (attempt("max", e, [&] { got = tmath::max(a, axis); })) check_result("max", got, want);
            }
            break;
        }
        default: {
            if constexpr (std::is_floating_point_v<T>) {
                const bool log = in.below(2) == 0;
                const char* name = log ? "log_softmax" : "softmax";
                if (axis < -r || axis >= r) e = expectation::axis_error({name, std::to_string(axis), std::to_string(r)});
                else e = expectation::ok();
                tmath::tensor<T> got;
                if (!attempt(name, e, [&] { got = log ? tmath::log_softmax(a, axis) : tmath::softmax(a, axis); })) break;
                auto want = fuzzref::softmax(ra, static_cast<std::size_t>(axis < 0 ? axis + r : axis));
                if (log)
                    for (auto& v : want.v) v = std::log(v);
                const shape gs(got.shape().begin(), got.shape().end());
                if (gs != want.s) fail(std::string(name) + ": shape " + fuzzref::fmt(gs));
                const double tol = std::is_same_v<T, float> ? 1e-5 : 1e-12;
                for (std::size_t i = 0; i < want.v.size(); ++i)
                    if (!(std::abs(static_cast<double>(got.data()[i]) - want.v[i]) <= tol * (1 + std::abs(want.v[i]))))
                        fail(std::string(name) + ": element " + std::to_string(i) + ": got " + std::to_string(got.data()[i]) +
                             ", expected " + std::to_string(want.v[i]));
            }
            break;
        }
    }
}

/// Assignment form `form` of a and b (or the scalar s) into `dst`, a tensor or a view.
template <class D, class V, class T>
void assign_form(int form, D& dst, const V& a, const V& b, T s) {
    switch (form) {
        case 0: dst = a * b; break;
        case 1: dst = a - b; break;
        case 2: dst += a; break;
        case 3: dst -= a; break;
        case 4: dst *= a; break;
        case 5:
            if constexpr (std::is_floating_point_v<T>) dst /= a;
            else dst *= a;
            break;
        case 6: dst = tmath::matmul(a, b); break;
        case 7: tmath::matmul(a, b, dst); break;
        case 8: dst += tmath::matmul(a, b); break;
        case 9: dst -= tmath::matmul(a, b); break;
        case 10: dst = a; break;
        default: dst *= s; break;
    }
}

/// Assignment forms into an existing destination: the view c (which may share memory
/// with a and b), or a tensor holding c's values. The reference evaluates the right
/// side from the values before the operation, as NumPy does.
template <class T>
void run_assignments(byte_reader& in, state<T>& st) {
    auto& cv = *st.c.view;
    const auto& a = *st.a.view;
    const auto& b = *st.b.view;
    const array<T> ra = st.ref(st.a), rb = st.ref(st.b), rc = st.ref(st.c);
    const std::string cs = fuzzref::fmt(rc.s);
    const int form = static_cast<int>(in.below(12));
    const bool into_tensor = in.below(3) == 0;
    const char* op = "assign";

    // The new destination values (row-major over c's shape), or the expected error.
    expectation e;
    std::optional<array<T>> rhs;  // the right side, broadcast into c's shape below
    int combine = -1;             // -1: replace; else the compound operator
    bool exact = false;           // matmul(a, b, out): no broadcasting into out
    const auto product = [&] {
        auto p = fuzzref::matmul(ra, rb);
        if (!p) e = expectation::shape_error({"matmul", fuzzref::fmt(ra.s), fuzzref::fmt(rb.s)});
        return p;
    };
    const T s = value_from<T>(in.next());
    switch (form) {
        case 0: rhs = ref_binary(2, ra, rb, e); break;                      // c = a * b
        case 1: rhs = ref_binary(1, ra, rb, e); break;                      // c = a - b
        case 2: case 3: case 4: case 5:                                     // c op= a
            combine = form - 2;
            if (combine == 3 && !std::is_floating_point_v<T>) combine = 2;
            op = name_of<T>(combine);
            rhs = ra;
            break;
        case 6: rhs = product(); break;                                     // c = matmul(a, b)
        case 7: rhs = product(); exact = true; op = "matmul"; break;        // matmul(a, b, c)
        case 8: rhs = product(); combine = 0; op = "add"; break;            // c += matmul(a, b)
        case 9: rhs = product(); combine = 1; op = "subtract"; break;       // c -= matmul(a, b)
        case 10: rhs = ra; break;                                           // c = a
        default:                                                            // c *= s
            rhs = array<T>{shape{}, std::vector<T>{s}};
            combine = 2;
            op = "multiply";
            break;
    }
    std::optional<array<T>> want;
    if (rhs && !into_tensor && combine < 0 && !exact && rhs->s.size() > rc.s.size()) {
        // NumPy's `c[...] = r`, as a view's `=`: r's leading extents of 1 beyond c's rank
        // are dropped (its values keep their order).
        const std::size_t extra = rhs->s.size() - rc.s.size();
        const shape rest(rhs->s.begin() + static_cast<std::ptrdiff_t>(extra), rhs->s.end());
        bool ones = true;
        for (std::size_t d = 0; d < extra; ++d) ones = ones && rhs->s[d] == 1;
        const auto fits = fuzzref::broadcast(rc.s, rest);
        if (ones && fits && *fits == rc.s) rhs->s = rest;
    }
    if (rhs) {
        const auto s2 = fuzzref::broadcast(rc.s, rhs->s);
        if (exact ? rhs->s != rc.s : (!s2 || *s2 != rc.s)) {
            e = expectation::shape_error({op, cs, fuzzref::fmt(rhs->s)});
        } else {
            const array<T> r = fuzzref::stretch(rc.s, *rhs);
            want = rc;
            for (std::size_t k = 0; k < r.v.size(); ++k)
                want->v[k] = combine < 0 ? r.v[k] : apply(combine, want->v[k], r.v[k]);
        }
    }

    // The destination as a tensor: assignment resizes it where c's view cannot grow, so
    // the tensor's own `=` takes any shape; compound forms and matmul(a, b, out) do not.
    if (into_tensor) {
        tmath::tensor<T> t(cv);
        const tmath::tensor<T> t0 = t;
        const bool plain = form == 0 || form == 1 || form == 6 || form == 10;
        if (plain && rhs) {  // the tensor takes the right side's shape
            e = expectation::ok();
            want = rhs;
        }
        const bool ran = attempt("tensor assign", e, [&] { assign_form(form, t, a, b, s); });
        if (ran) check_result("tensor assign", t, *want);
        else if (t.shape() != t0.shape() ||
                 (t.size() != 0 && std::memcmp(t.data(), t0.data(), t.size() * sizeof(T)) != 0))
            fail("tensor assign: a failed assignment changed the destination");
        st.check_unchanged("tensor assign");
        return;
    }

    const bool ran = attempt("view assign", e, [&] { assign_form(form, cv, a, b, s); });
    if (!ran) {
        st.check_unchanged("view assign");
        return;
    }
    std::vector<T> expect[3] = {st.before[0], st.before[1], st.before[2]};
    for (std::size_t k = 0; k < want->v.size(); ++k)
        expect[st.c.ref.base][static_cast<std::size_t>(st.c.ref.position(fuzzref::unravel(k, rc.s)))] = want->v[k];
    // Writes through a view that reaches an element twice leave either value there.
    st.check_bases("view assign", expect, st.c.ref.self_overlaps() ? st.c.ref.base : -1);
}

/// One run: base tensors, the three operands' views, then one operation group.
template <class T>
void run(byte_reader& header, byte_reader& values) {
    state<T> st;
    for (auto& t : st.bases) t = make_base<T>(header, values);
    const int b_base = header.below(4) == 0 ? 0 : 1;  // b may view a's memory
    const std::size_t cb = header.below(4);           // and c either's
    const int c_base = cb == 0 ? 0 : cb == 1 ? 1 : 2;
    if (!make_operand(header, st.bases[0], 0, st.a)) return;
    if (!make_operand(header, st.bases[b_base], b_base, st.b)) return;
    if (!make_operand(header, st.bases[c_base], c_base, st.c)) return;
    st.snapshot();
    g_context.clear();
    const char* names[] = {"a", "b", "c"};
    const operand<T>* ops[] = {&st.a, &st.b, &st.c};
    for (int i = 0; i < 3; ++i) {
        const auto& v = ops[i]->ref;
        std::string st_text;
        for (auto x : v.st) st_text += std::to_string(x) + ",";
        g_context += std::string("  ") + names[i] + ": shape " + fuzzref::fmt(v.s) + " strides (" + st_text +
                     ") offset " + std::to_string(v.offset) + " of base " + std::to_string(v.base) + " " +
                     fuzzref::fmt(shape(st.bases[v.base].shape().begin(), st.bases[v.base].shape().end())) +
                     (ops[i]->whole ? " (the tensor itself)" : "") + "\n";
    }
    switch (header.below(4)) {
        case 0: run_elementwise(header, st); break;
        case 1: run_products(header, st); break;
        case 2: run_reductions(header, st); break;
        default: run_assignments(header, st); break;
    }
}

}  // namespace

/// The first kHeader bytes choose types, shapes, views and the operation; the rest are
/// element values, so that mutating values keeps the structure.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t header_bytes = 64;
    const std::size_t h = size < header_bytes ? size : header_bytes;
    byte_reader header(data, h);
    byte_reader values(size > h ? data + h : nullptr, size - h);
    switch (header.below(4)) {
        case 0: run<float>(header, values); break;
        case 1: run<double>(header, values); break;
        case 2: run<std::int32_t>(header, values); break;
        default: run<std::int64_t>(header, values); break;
    }
    return 0;
}
