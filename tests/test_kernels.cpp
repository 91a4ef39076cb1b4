// The compiled component tmath::kernels (TMATH_KERNELS) and kernels_info(): the tier
// that runs is the one TMATH_ARCH names (the CTest entries of tests/kernels/ force each
// tier the processor has); float and double GEMM, contiguous dot and contiguous sum
// through the entry points that the product, dot and sum paths call agree with plain
// reference loops and, within the error bound of their sums, with the header-only
// kernels of this translation unit; the math functions the component runs on contiguous
// runs and softmax go through its entries and stay within their bounds; repeated calls
// give the same bits. Without the component the same checks run on the header-only kernels, and
// kernels_info() says so.
#include "test_support.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace {

/// A matrix of random values in [-1, 1] with its strides (row-major or column-major).
template <class T>
struct matrix {
    std::size_t rows, cols;
    bool col_major;
    std::vector<T> data;
    matrix(std::size_t r, std::size_t c, bool cm, test::rng& g) : rows(r), cols(c), col_major(cm), data(r * c) {
        for (auto& x : data) x = g.unit_value<T>();
    }
    std::ptrdiff_t rs() const { return col_major ? 1 : static_cast<std::ptrdiff_t>(cols); }
    std::ptrdiff_t cs() const { return col_major ? static_cast<std::ptrdiff_t>(rows) : 1; }
    T at(std::size_t i, std::size_t j) const {
        return data[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) * rs() + static_cast<std::ptrdiff_t>(j) * cs())];
    }
    /// The same values stored row-major (cm false) or column-major (cm true).
    matrix laid_out(bool cm) const {
        matrix r = *this;
        r.col_major = cm;
        for (std::size_t i = 0; i < rows; ++i)
            for (std::size_t j = 0; j < cols; ++j)
                r.data[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) * r.rs() + static_cast<std::ptrdiff_t>(j) * r.cs())] = at(i, j);
        return r;
    }
};

/// C = alpha·A·B + beta·C through the entry the product path calls (the component with
/// TMATH_KERNELS, else the header-only kernels on this processor's tuning).
template <class T>
void entry_gemm(T alpha, const matrix<T>& a, const matrix<T>& b, T beta, matrix<T>& c) {
    tmath::detail::gemm_strided<T>(a.rows, b.cols, a.cols, alpha, a.data.data(), a.rs(), a.cs(), b.data.data(), b.rs(),
                                   b.cs(), beta, c.data.data(), c.rs(), c.cs());
}

/// The same product on the header-only kernels of this translation unit.
template <class T>
void header_gemm(T alpha, const matrix<T>& a, const matrix<T>& b, T beta, matrix<T>& c) {
    tmath::detail::gemm_strided<T>(a.rows, b.cols, a.cols, alpha, a.data.data(), a.rs(), a.cs(), b.data.data(), b.rs(),
                                   b.cs(), beta, c.data.data(), c.rs(), c.cs(), tmath::arch::this_processor());
}

/// Bits of a float or double, for a digest of results.
template <class T>
std::uint64_t bits_of(T v) {
    std::uint64_t u = 0;
    std::memcpy(&u, &v, sizeof(T));
    return u;
}

/// FNV-1a over the bits of `v`, continuing from h.
template <class T>
std::uint64_t digest(std::uint64_t h, const std::vector<T>& v) {
    for (const T x : v) {
        const std::uint64_t u = bits_of(x);
        for (unsigned s = 0; s < 64; s += 8) h = (h ^ ((u >> s) & 0xffu)) * 1099511628211u;
    }
    return h;
}

}  // namespace

TEST_CASE("kernels_info names the tier that runs", "[kernels]") {
    const tmath::kernels_report r = tmath::kernels_info();
    INFO("tier " << r.tier << ", supported " << r.supported);
#if defined(TMATH_KERNELS)
    CHECK(r.compiled);
    // The CTest entries force only tiers the processor has (tests/kernels/run_tier.cmake);
    // a value that names no tier is ignored (with a message on stderr).
    const char* env = std::getenv("TMATH_ARCH");
    const std::string forced = env != nullptr ? env : "";
    if (forced == "sse2" || forced == "avx2" || forced == "avx512" || forced == "neon" || forced == "generic")
        CHECK(r.tier == forced);
    else CHECK(r.tier == r.supported);
    CHECK(tmath::kernels_info().tier == r.tier);  // chosen once
#else
    CHECK_FALSE(r.compiled);
    CHECK(r.tier.rfind("header-only (", 0) == 0);
    CHECK(r.supported == r.tier);
#endif
}

TEMPLATE_TEST_CASE("kernels: GEMM entry against a reference loop and the header-only kernels", "[kernels]", float,
                   double) {
    using T = TestType;
    struct size3 {
        std::size_t m, n, k;
    };
    test::rng g(31);
    const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
    // Empty, vector (GEMV), tiny, the sizes around the register and cache blocks of every
    // tier, the small and the packed paths; A and C row- or column-major, B the other way.
    for (const size3 s : {size3{0, 5, 3}, size3{4, 0, 3}, size3{3, 4, 0}, size3{1, 17, 9}, size3{19, 1, 7},
                          size3{2, 3, 4}, size3{16, 16, 16}, size3{17, 33, 31}, size3{48, 47, 65}, size3{100, 37, 257},
                          size3{129, 130, 400}, size3{300, 200, 520}}) {
        // One set of values per size: the reference is computed once (in long double,
        // from row-major A and column-major B) and checked against every layout.
        const matrix<T> a0(s.m, s.k, false, g), b0(s.k, s.n, true, g), c0(s.m, s.n, false, g);
        const T alpha = T(0.75), beta = T(-0.5);
        std::vector<long double> ref(s.m * s.n);
        for (std::size_t i = 0; i < s.m; ++i)
            for (std::size_t j = 0; j < s.n; ++j) {
                const T* ai = a0.data.data() + i * s.k;  // row i of A
                const T* bj = b0.data.data() + j * s.k;  // column j of B
                long double acc = 0;
                for (std::size_t p = 0; p < s.k; ++p) acc += static_cast<long double>(ai[p]) * static_cast<long double>(bj[p]);
                ref[i * s.n + j] = static_cast<long double>(alpha) * acc + static_cast<long double>(beta) * c0.data[i * s.n + j];
            }
        for (const int layout : {0, 1, 2, 3}) {
            const bool a_cm = (layout & 1) != 0, c_cm = (layout & 2) != 0;
            CAPTURE(s.m, s.n, s.k, a_cm, c_cm);
            const matrix<T> a = a0.laid_out(a_cm), b = b0.laid_out(!a_cm), cc = c0.laid_out(c_cm);
            matrix<T> c = cc, h = cc;
            entry_gemm(alpha, a, b, beta, c);
            header_gemm(alpha, a, b, beta, h);
            // The error bound of a k-term sum of products of values in [-1, 1].
            const double bound = 2.0 * eps * static_cast<double>(s.k + 2);
            std::size_t off_ref = 0, off_header = 0;
            for (std::size_t i = 0; i < s.m; ++i)
                for (std::size_t j = 0; j < s.n; ++j) {
                    const double got = static_cast<double>(c.at(i, j));
                    if (std::fabs(got - static_cast<double>(ref[i * s.n + j])) > bound) ++off_ref;
                    if (std::fabs(got - static_cast<double>(h.at(i, j))) > 2 * bound) ++off_header;
                }
            CHECK(off_ref == 0);
            CHECK(off_header == 0);
        }
    }
}

TEMPLATE_TEST_CASE("kernels: dot and sum entries against reference loops and the header-only kernels", "[kernels]",
                   float, double) {
    using T = TestType;
    const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
    std::uint32_t seed = 7;
    // Tails of every width, the short and the long dot loop, two streams, prefetching.
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{15}, std::size_t{17},
                                std::size_t{63}, std::size_t{65}, std::size_t{1000}, std::size_t{1024},
                                std::size_t{4099}, std::size_t{32768 + 5}, std::size_t{300001},
                                std::size_t{(1u << 21) + 7}}) {
        CAPTURE(n);
        test::rng g(seed++);
        tmath::tensor<T> x = tmath::empty<T>({n}), y = tmath::empty<T>({n});
        long double dot_ref = 0, dot_mag = 0, sum_ref = 0, sum_mag = 0;
        for (std::size_t i = 0; i < n; ++i) {
            x(i) = g.unit_value<T>();
            y(i) = g.unit_value<T>();
            dot_ref += static_cast<long double>(x(i)) * y(i);
            dot_mag += std::fabs(static_cast<long double>(x(i)) * y(i));
            sum_ref += x(i);
            sum_mag += std::fabs(static_cast<long double>(x(i)));
        }
        const double bound_n = 2.0 * eps * static_cast<double>(n + 1);
        const T d = tmath::dot(x, y);
        const T s = tmath::sum(x);
        CHECK(std::fabs(static_cast<double>(d) - static_cast<double>(dot_ref)) <= bound_n * static_cast<double>(dot_mag));
        CHECK(std::fabs(static_cast<double>(s) - static_cast<double>(sum_ref)) <= bound_n * static_cast<double>(sum_mag));
        // The header-only kernels of this translation unit, in their own summation order.
        const auto len = static_cast<std::ptrdiff_t>(n);
        const T dh = tmath::detail::dot_contiguous<T>(len, x.data(), y.data(), tmath::arch::this_processor());
        CHECK(std::fabs(static_cast<double>(d) - static_cast<double>(dh)) <= 2 * bound_n * static_cast<double>(dot_mag));
        if (n != 0) {
            // sum over a 2-D view of the same memory is one run too.
            const auto x2 = tmath::adapt(x.data(), {std::size_t{1}, n});
            CHECK(bits_of(tmath::sum(x2)) == bits_of(s));
            CHECK(bits_of(tmath::mean(x)) == bits_of(static_cast<T>(s / static_cast<T>(n))));
        }
    }
}

TEMPLATE_TEST_CASE("kernels: math runs through the entry the assignment calls", "[kernels]", float, double) {
    using T = TestType;
    using L = long double;
    test::rng g(31);
    // Tails of every width and a run past the unrolled loop; some in-place.
    for (const std::size_t n : {std::size_t{1}, std::size_t{5}, std::size_t{17}, std::size_t{67}, std::size_t{4099}}) {
        CAPTURE(n);
        tmath::tensor<T> x = tmath::empty<T>({n});
        for (std::size_t i = 0; i < n; ++i) x(i) = T(4) * g.unit_value<T>();
        const tmath::tensor<T> pos = tmath::abs(x) + T(0.01);  // the logarithms' domain
        const double bound = sizeof(T) == 4 ? 4 : 8;           // test_elementwise_math's bounds
        // Each function: the public call, its number in the component and the reference.
        auto check = [&](const char* name, const tmath::tensor<T>& in, auto call, unsigned id, auto ref) {
            INFO(name);
            const tmath::tensor<T> got = call(in);
            double worst = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const T want = static_cast<T>(ref(static_cast<L>(in(i))));
                const double u = std::fabs(static_cast<double>(got(i)) - static_cast<double>(want)) /
                                 std::max(static_cast<double>(std::fabs(want)) * std::numeric_limits<T>::epsilon(),
                                          static_cast<double>(std::numeric_limits<T>::denorm_min()));
                worst = std::max(worst, u);
            }
            CHECK(worst <= 2 * bound);  // relative: within twice the ulp bound
            // The in-place form gives the same bits.
            tmath::tensor<T> y = in;
            y = call(y);
            CHECK(digest(1, std::vector<T>(y.data(), y.data() + n)) == digest(1, std::vector<T>(got.data(), got.data() + n)));
#if defined(TMATH_KERNELS)
            // The assignment ran the component's loop: the same bits as the entry itself.
            std::vector<T> direct(n);
            if constexpr (sizeof(T) == 4) tmath_kernels_abi::active().smath(id, in.data(), direct.data(), n);
            else tmath_kernels_abi::active().dmath(id, in.data(), direct.data(), n);
            CHECK(digest(1, direct) == digest(1, std::vector<T>(got.data(), got.data() + n)));
#else
            (void)id;
#endif
        };
        namespace k = tmath_kernels_abi;
        check("exp", x, [](const auto& t) { return tmath::eval(tmath::exp(t)); }, k::math_exp, [](L v) { return std::exp(v); });
        check("log", pos, [](const auto& t) { return tmath::eval(tmath::log(t)); }, k::math_log, [](L v) { return std::log(v); });
        check("tanh", x, [](const auto& t) { return tmath::eval(tmath::tanh(t)); }, k::math_tanh, [](L v) { return std::tanh(v); });
        check("sigmoid", x, [](const auto& t) { return tmath::eval(tmath::sigmoid(t)); }, k::math_sigmoid,
              [](L v) { return 1 / (1 + std::exp(-v)); });
        check("log1p", pos, [](const auto& t) { return tmath::eval(tmath::log1p(t)); }, k::math_log1p,
              [](L v) { return std::log1p(v); });
        check("expm1", x, [](const auto& t) { return tmath::eval(tmath::expm1(t)); }, k::math_expm1,
              [](L v) { return std::expm1(v); });
        check("log2", pos, [](const auto& t) { return tmath::eval(tmath::log2(t)); }, k::math_log2, [](L v) { return std::log2(v); });
        check("log10", pos, [](const auto& t) { return tmath::eval(tmath::log10(t)); }, k::math_log10,
              [](L v) { return std::log10(v); });
        check("exp2", x, [](const auto& t) { return tmath::eval(tmath::exp2(t)); }, k::math_exp2, [](L v) { return std::exp2(v); });
        check("erf", x, [](const auto& t) { return tmath::eval(tmath::erf(t)); }, k::math_erf, [](L v) { return std::erf(v); });
    }
}

TEMPLATE_TEST_CASE("kernels: softmax through the entry it calls", "[kernels]", float, double) {
    using T = TestType;
    test::rng g(41);
    const double tol = sizeof(T) == 4 ? 1e-5 : 1e-13;
    // Along the last axis (rows) and an outer one (columns in chunks), both kinds.
    for (const bool log : {false, true}) {
        for (const std::ptrdiff_t axis : {std::ptrdiff_t{-1}, std::ptrdiff_t{0}, std::ptrdiff_t{1}}) {
            CAPTURE(log, axis);
            tmath::tensor<T> x = tmath::empty<T>({3, 37, 700});
            for (T& v : x) v = T(8) * g.unit_value<T>();
            const tmath::tensor<T> got = log ? tmath::log_softmax(x, axis) : tmath::softmax(x, axis);
            // The header's loops of this translation unit and a long-double reference.
            const std::size_t k = axis < 0 ? 2 : static_cast<std::size_t>(axis);
            std::size_t outer = 1, inner = 1;
            for (std::size_t i = 0; i < k; ++i) outer *= x.shape()[i];
            for (std::size_t i = k + 1; i < 3; ++i) inner *= x.shape()[i];
            const std::size_t n = x.shape()[k];
            std::vector<T> header(x.size()), m(4096 / sizeof(T)), s(4096 / sizeof(T));
            if (log) tmath::detail::softmax_blocks<true>(x.data(), header.data(), outer, n, inner, m.data(), s.data());
            else tmath::detail::softmax_blocks<false>(x.data(), header.data(), outer, n, inner, m.data(), s.data());
            double worst = 0, worst_ref = 0;
            for (std::size_t o = 0; o < outer; ++o)
                for (std::size_t j = 0; j < inner; ++j) {
                    long double mx = -1e300L, sum = 0;
                    for (std::size_t r = 0; r < n; ++r) mx = std::max(mx, static_cast<long double>(x.data()[(o * n + r) * inner + j]));
                    for (std::size_t r = 0; r < n; ++r) sum += std::exp(static_cast<long double>(x.data()[(o * n + r) * inner + j]) - mx);
                    for (std::size_t r = 0; r < n; ++r) {
                        const std::size_t i = (o * n + r) * inner + j;
                        const long double z = static_cast<long double>(x.data()[i]) - mx;
                        const long double want = log ? z - std::log(sum) : std::exp(z) / sum;
                        const double scale = std::max(1.0, std::fabs(static_cast<double>(want)));
                        worst = std::max(worst, std::fabs(static_cast<double>(got.data()[i]) - static_cast<double>(header[i])) / scale);
                        worst_ref = std::max(worst_ref, std::fabs(static_cast<double>(got.data()[i]) - static_cast<double>(want)) / scale);
                    }
                }
            CHECK(worst <= tol);
            CHECK(worst_ref <= tol);
#if defined(TMATH_KERNELS)
            // The call ran the component's entry: the same bits.
            std::vector<T> direct(x.size());
            if constexpr (sizeof(T) == 4)
                tmath_kernels_abi::active().ssoftmax(log, x.data(), direct.data(), outer, n, inner, m.data(), s.data());
            else tmath_kernels_abi::active().dsoftmax(log, x.data(), direct.data(), outer, n, inner, m.data(), s.data());
            CHECK(digest(1, direct) == digest(1, std::vector<T>(got.data(), got.data() + got.size())));
#endif
        }
    }
}

TEMPLATE_TEST_CASE("kernels: repeated calls give the same bits", "[kernels]", float, double) {
    using T = TestType;
    test::rng g(99);
    const matrix<T> a(300, 260, false, g), b(260, 280, false, g), c0(300, 280, false, g);
    const matrix<T> sa(16, 16, false, g), sb(16, 16, true, g), s0(16, 16, false, g);
    const std::size_t n = (std::size_t{1} << 20) + 13;
    tmath::tensor<T> x = tmath::empty<T>({n}), y = tmath::empty<T>({n});
    for (std::size_t i = 0; i < n; ++i) x(i) = g.unit_value<T>(), y(i) = g.unit_value<T>();
    std::vector<T> results[2];
    for (auto& r : results) {
        matrix<T> c = c0;
        entry_gemm(T(1), a, b, T(1), c);
        r = c.data;
        matrix<T> small = s0;
        entry_gemm(T(1), sa, sb, T(0), small);  // the unpacked small path
        r.insert(r.end(), small.data.begin(), small.data.end());
        r.push_back(tmath::dot(x, y));
        r.push_back(tmath::sum(x));
        r.push_back(tmath::dot(tmath::adapt(x.data(), {std::size_t{1024}}), tmath::adapt(y.data(), {std::size_t{1024}})));
        // The math runs and softmax on a shorter run (the long one is slow under ASan).
        const std::size_t m = 4096 + 13;
        const auto xm = tmath::adapt(x.data(), {m});
        for (const auto& v : {tmath::eval(tmath::exp(xm)), tmath::eval(tmath::tanh(xm)), tmath::eval(tmath::erf(xm))})
            r.insert(r.end(), v.data(), v.data() + m);
        const auto sm = tmath::softmax(tmath::adapt(x.data(), {std::size_t{13}, std::size_t{315}}), -1);
        r.insert(r.end(), sm.data(), sm.data() + sm.size());
    }
    REQUIRE(results[0].size() == results[1].size());
    CHECK(digest(14695981039346656037u, results[0]) == digest(14695981039346656037u, results[1]));
    // tests/kernels/run_tier.cmake compares this digest between two runs of one tier.
    if (const char* file = std::getenv("TMATH_KERNELS_DIGEST"); file != nullptr && *file != '\0') {
        std::ofstream out(std::string(file) + (sizeof(T) == 4 ? ".float" : ".double"));
        out << std::hex << digest(14695981039346656037u, results[0]) << "\n";
        CHECK(out.good());
    }
}
