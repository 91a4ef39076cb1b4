// GEMM and GEMV kernels (tmath::detail::gemm / gemv) against a plain triple loop
// accumulated in long double (floats, tolerance scaled by k) or int64 (integers, exact):
// sizes around every blocking edge, every operand layout (row-major, transposed,
// non-unit strides, stride-0 broadcast rows, reversed rows), alpha/beta, k == 0, both
// product paths called directly, and bitwise equality of 1 and 2 OpenMP threads. Every
// processor family's tuning (cache blocks, small-path kernels) runs on any machine: the
// kernels take the tuning record as a parameter.
#include "test_support.hpp"

#include <tmath/linalg/gemm/gemm.hpp>
#include <tmath/linalg/gemv.hpp>
#include <tmath/simd/transpose.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#if TMATH_OPENMP
#include <omp.h>
#endif

namespace {

using tmath::detail::strided_matrix;
using tmath::arch::tuning;
using tmath::arch::tuning_of;

/// How an operand is laid out in its storage.
enum class layout { row, col, strided, bcast, reversed };

const char* name(layout l) {
    switch (l) {
    case layout::row: return "row-major";
    case layout::col: return "transposed";
    case layout::strided: return "strided";
    case layout::bcast: return "stride-0 rows";
    case layout::reversed: return "reversed rows";
    }
    return "?";
}

/// A logical r × c matrix in a storage vector, with a mask of the storage it covers.
template <class T>
struct operand {
    std::vector<T> store;
    std::vector<bool> covered;
    strided_matrix<T> view{};
    std::size_t rows = 0, cols = 0;

    operand() = default;
    /// A deep copy: the view points into the copy's own storage.
    operand(const operand& o) : store(o.store), covered(o.covered), view(o.view), rows(o.rows), cols(o.cols) {
        view.data = store.data() + (o.view.data - o.store.data());
    }
    operand& operator=(const operand&) = delete;

    T& at(std::size_t i, std::size_t j) { return *tmath::detail::element_ptr(view, i, j); }
    strided_matrix<const T> cview() const { return {view.data, view.row_stride, view.col_stride}; }
};

/// An r × c operand laid out as `l`, its storage (covered or not) filled from `rng`.
template <class T>
operand<T> make_operand(std::size_t r, std::size_t c, layout l, test::rng& rng) {
    operand<T> o;
    o.rows = r;
    o.cols = c;
    const auto rr = static_cast<std::ptrdiff_t>(r), cc = static_cast<std::ptrdiff_t>(c);
    std::size_t size = 1;
    std::ptrdiff_t offset = 0;
    switch (l) {
    case layout::row: o.view = {nullptr, cc, 1}; size = r * c; break;
    case layout::col: o.view = {nullptr, 1, rr}; size = r * c; break;
    case layout::strided: o.view = {nullptr, 2 * cc + 3, 2}; size = r * (2 * c + 3); break;
    case layout::bcast: o.view = {nullptr, 0, 1}; size = c; break;
    case layout::reversed:
        o.view = {nullptr, -cc, 1};
        size = r * c;
        offset = r == 0 ? 0 : (rr - 1) * cc;
        break;
    }
    o.store.resize(size + 1);
    for (auto& e : o.store) e = rng.unit_value<T>();
    o.view.data = o.store.data() + offset;
    o.covered.assign(o.store.size(), false);
    for (std::size_t i = 0; i < r; ++i)
        for (std::size_t j = 0; j < c; ++j) o.covered[static_cast<std::size_t>(&o.at(i, j) - o.store.data())] = true;
    return o;
}

template <class T>
T nan_or_garbage() {
    if constexpr (std::is_integral_v<T>) return static_cast<T>(0x5a5a5a5);
    else return std::numeric_limits<T>::quiet_NaN();
}

/// Compares c (after) with alpha·A·B + beta·c0; returns "" or a description.
template <class T>
std::string compare(std::size_t m, std::size_t n, std::size_t k, T alpha, const operand<T>& a, const operand<T>& b,
                    T beta, const operand<T>& c0, const operand<T>& c) {
    auto& ca = const_cast<operand<T>&>(a);
    auto& cb = const_cast<operand<T>&>(b);
    auto& cc0 = const_cast<operand<T>&>(c0);
    auto& cc = const_cast<operand<T>&>(c);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const T got = cc.at(i, j);
            bool ok = true;
            long double want = 0;
            if constexpr (std::is_integral_v<T>) {
                std::int64_t s = 0;
                for (std::size_t p = 0; p < k; ++p) s += std::int64_t(ca.at(i, p)) * std::int64_t(cb.at(p, j));
                std::int64_t r = std::int64_t(alpha) * s + (beta == T(0) ? 0 : std::int64_t(beta) * std::int64_t(cc0.at(i, j)));
                want = static_cast<long double>(r);
                ok = static_cast<std::int64_t>(got) == r;
            } else {
                long double s = 0, mag = 0;
                for (std::size_t p = 0; p < k; ++p) {
                    const long double t = static_cast<long double>(ca.at(i, p)) * static_cast<long double>(cb.at(p, j));
                    s += t;
                    mag += std::fabs(t);
                }
                want = static_cast<long double>(alpha) * s;
                mag *= std::fabs(static_cast<long double>(alpha));
                if (beta != T(0)) {
                    want += static_cast<long double>(beta) * static_cast<long double>(cc0.at(i, j));
                    mag += std::fabs(static_cast<long double>(beta) * static_cast<long double>(cc0.at(i, j)));
                }
                const long double tol = 4.0L * static_cast<long double>(std::numeric_limits<T>::epsilon()) *
                                            static_cast<long double>(k + 2) * mag + std::numeric_limits<T>::min();
                ok = std::isfinite(static_cast<double>(got)) && std::fabs(static_cast<long double>(got) - want) <= tol;
            }
            if (!ok) {
                std::ostringstream os;
                os << "C(" << i << ", " << j << ") = " << +got << ", expected " << static_cast<double>(want);
                return os.str();
            }
        }
    }
    for (std::size_t e = 0; e < c.store.size(); ++e) {
        if (c.covered[e]) continue;
        if (std::memcmp(&c.store[e], &c0.store[e], sizeof(T)) != 0) return "storage outside C was written";
    }
    return "";
}

/// Which entry point a case calls, each with the case's tuning record: gemm() (routing
/// by shape), the packed path with the record's cache blocks, the small path with the
/// record's kernel choice, or one of the small path's kernels directly (so that every
/// kernel runs whatever the build's registers).
enum class entry { gemm, packed, small, small_one_batch, small_tall };

/// Runs one product with the tuning `t` and returns "" or a description of the first
/// wrong element.
template <class T>
std::string run_case(std::size_t m, std::size_t n, std::size_t k, layout la, layout lb, layout lc, T alpha, T beta,
                     entry how = entry::gemm, const tuning& t = tmath::arch::this_processor(), std::uint32_t seed = 1) {
    test::rng rng(seed);
    auto a = make_operand<T>(m, k, la, rng);
    auto b = make_operand<T>(k, n, lb, rng);
    auto c = make_operand<T>(m, n, lc, rng);
    if (beta == T(0))
        for (auto& e : c.store) e = nan_or_garbage<T>();
    const operand<T> c0 = c;
    switch (how) {
    case entry::gemm: tmath::detail::gemm<T>(m, n, k, alpha, a.cview(), b.cview(), beta, c.view, t); break;
    case entry::packed:
        tmath::detail::gemm_packed<T>(m, n, k, alpha, a.cview(), b.cview(), beta, c.view, tmath::gemm_traits<T>::blocks(t));
        break;
    case entry::small: tmath::detail::gemm_small<T>(m, n, k, alpha, a.cview(), b.cview(), beta, c.view, t); break;
    case entry::small_one_batch:
        tmath::detail::gemm_unpacked<T, 1, tmath::detail::gemm_small_nr<T>>(m, n, k, alpha, a.cview(), b.cview(), beta,
                                                                             c.view, t);
        break;
    case entry::small_tall: tmath::detail::gemm_small_tall<T>(m, n, k, alpha, a.cview(), b.cview(), beta, c.view, t); break;
    }
    std::string err = compare(m, n, k, alpha, a, b, beta, c0, c);
    if (!err.empty()) {
        std::ostringstream os;
        os << t.family << ": " << m << "x" << n << "x" << k << " A " << name(la) << ", B " << name(lb) << ", C "
           << name(lc) << ", alpha " << +alpha << ", beta " << +beta << ": " << err;
        err = os.str();
    }
    return err;
}

template <class T>
T alpha_odd() {
    if constexpr (std::is_integral_v<T>) return T(-3);
    else return T(-1.5);
}
template <class T>
T beta_odd() {
    if constexpr (std::is_integral_v<T>) return T(2);
    else return T(0.5);
}

}  // namespace

TEMPLATE_TEST_CASE("gemm: sizes around the register and cache blocks", "[gemm]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    using tr = tmath::gemm_traits<T>;
    const std::vector<std::size_t> ms = {0, 1, 2, tr::mr - 1, tr::mr, tr::mr + 1, 2 * tr::mr + 1};
    const std::vector<std::size_t> ns = {0, 1, 2, tr::nr - 1, tr::nr, tr::nr + 1, 2 * tr::nr + 1};
    const std::vector<std::size_t> ks = {0, 1, 3, 17};
    for (std::size_t m : ms)
        for (std::size_t n : ns)
            for (std::size_t k : ks) {
                // Row-major C (the engine transposes the problem) and column-major C.
                CHECK(run_case<T>(m, n, k, layout::row, layout::row, layout::row, T(1), T(0)) == "");
                CHECK(run_case<T>(m, n, k, layout::row, layout::row, layout::col, alpha_odd<T>(), beta_odd<T>()) == "");
            }
    // Depth past KC (several K blocks, beta = 1 after the first), rows past 2·MC,
    // columns past NC (row-major C: the user's rows become the engine's columns), with
    // every family's cache blocks: through gemm() (which routes by the record's KC) and
    // the packed path.
    for (const auto f : tmath::arch::all_families) {
        const tuning t = tuning_of(f);
        const tmath::gemm_blocks bl = tr::blocks(t);
        INFO(t.family << " blocks " << bl.mc << " / " << bl.kc << " / " << bl.nc);
        for (const entry how : {entry::gemm, entry::packed}) {
            CHECK(run_case<T>(tr::mr + 3, tr::nr + 2, bl.kc + 1, layout::row, layout::row, layout::row, T(1), T(0), how,
                              t) == "");
            CHECK(run_case<T>(tr::mr + 3, tr::nr + 2, 2 * bl.kc + 3, layout::col, layout::row, layout::col,
                              alpha_odd<T>(), beta_odd<T>(), how, t) == "");
            CHECK(run_case<T>(2 * bl.mc + 1, tr::nr + 1, 40, layout::row, layout::row, layout::col, T(1), T(0), how, t) ==
                  "");
            CHECK(run_case<T>(tr::nr + 1, 2 * bl.mc + 1, 40, layout::row, layout::row, layout::row, T(2), T(1), how, t) ==
                  "");
        }
        CHECK(run_case<T>(bl.nc + 1, 20, 3, layout::row, layout::row, layout::row, T(1), T(0), entry::packed, t) == "");
    }
}

TEMPLATE_TEST_CASE("gemm: every operand layout, both paths", "[gemm]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    using tr = tmath::gemm_traits<T>;
    const layout ins[] = {layout::row, layout::col, layout::strided, layout::bcast, layout::reversed};
    const layout outs[] = {layout::row, layout::col, layout::strided, layout::reversed};
    struct shape { std::size_t m, n, k; };
    const std::size_t kc = tr::blocks(tmath::arch::this_processor()).kc;
    const shape shapes[] = {{tr::mr + 1, tr::nr + 3, 19}, {2 * tr::mr + 5, 3 * tr::nr - 1, kc + 7}};
    for (const shape s : shapes)
        for (std::size_t ia = 0; ia < std::size(ins); ++ia)
            for (std::size_t ib = 0; ib < std::size(ins); ++ib)
                for (std::size_t ic = 0; ic < std::size(outs); ++ic) {
                    if (!test::pairwise(ia, ib, ic, std::size(outs))) continue;
                    const layout la = ins[ia], lb = ins[ib], lc = outs[ic];
                    CHECK(run_case<T>(s.m, s.n, s.k, la, lb, lc, T(1), T(0)) == "");
                    CHECK(run_case<T>(s.m, s.n, s.k, la, lb, lc, alpha_odd<T>(), beta_odd<T>(), entry::packed) == "");
                    if (s.k <= kc) {
                        // The small path with each family's kernel choice, and its kernels.
                        for (const auto f : tmath::arch::all_families)
                            CHECK(run_case<T>(s.m, s.n, s.k, la, lb, lc, T(1), T(1), entry::small, tuning_of(f)) == "");
                        CHECK(run_case<T>(s.m, s.n, s.k, la, lb, lc, alpha_odd<T>(), T(0), entry::small_one_batch) == "");
                        CHECK(run_case<T>(s.m, s.n, s.k, la, lb, lc, T(1), beta_odd<T>(), entry::small_tall) == "");
                    }
                }
    // The one-batch-tall small kernel (m ≤ SIMD width), with and without a column edge;
    // k = 37 also packs whole panels of a row-contiguous engine A by in-register
    // transposes (two 16-deep blocks and a 5-column remainder with AVX-512 floats).
    for (std::size_t k : {std::size_t{9}, std::size_t{37}})
        for (std::size_t n : {std::size_t{16}, std::size_t{19}, std::size_t{40}})
            for (layout la : ins)
                for (layout lb : ins)
                    CHECK(run_case<T>(tmath::simd::width<T>, n, k, la, lb, layout::row, T(1), T(0)) == "");
    // The tallest-first small path (`small_gemm_kernels::tallest_first`) on any machine:
    // four-batch panels (6 columns, a 3- and a 1-column tail at n = 10), then a two-batch
    // panel (8 columns, a 4-column tail), then one-batch rows; each tier alone and all
    // three. At n = 70 an A with contiguous but unaligned columns (std::vector storage,
    // odd leading dimensions) is packed first; through gemm_small, every family's choice
    // of kernels for these shapes.
    constexpr std::size_t w = tmath::simd::width<T>;
    const std::size_t ms[] = {4 * w, 4 * w + 2 * w, 2 * w + 1, 8 * w + 2 * w + w + 3};
    for (std::size_t im = 0; im < std::size(ms); ++im)
        for (std::size_t n : {std::size_t{10}, std::size_t{12}, std::size_t{17}, std::size_t{70}})
            for (std::size_t ia = 0; ia < std::size(ins); ++ia)
                for (std::size_t ic = 0; ic < std::size(outs); ++ic) {
                    if (!test::pairwise(im, ia, ic, std::size(outs))) continue;
                    const std::size_t m = ms[im];
                    const layout la = ins[ia], lc = outs[ic];
                    CHECK(run_case<T>(m, n, 23, la, layout::row, lc, alpha_odd<T>(), beta_odd<T>(), entry::small_tall) == "");
                    for (const auto f : tmath::arch::all_families)
                        CHECK(run_case<T>(m, n, 23, la, layout::row, lc, alpha_odd<T>(), beta_odd<T>(), entry::small,
                                          tuning_of(f)) == "");
                }
}

TEST_CASE("gemm_split_rows: chunks of whole MR panels, at most MC rows, equal shares per thread", "[gemm]") {
    using T = float;
    constexpr std::size_t mr = tmath::gemm_traits<T>::mr;
    for (std::size_t mc : {mr, 3 * mr, 12 * mr})
        for (std::size_t threads : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{8}})
            for (std::size_t m : {std::size_t{1}, mr - 1, mr + 1, 5 * mr + 3, 64 * mr, 64 * mr + 1, std::size_t{2048}}) {
                INFO("m " << m << ", mc " << mc << ", threads " << threads);
                const auto split = tmath::detail::gemm_split_rows<T>(m, threads, mc);
                const std::size_t panels = (m + mr - 1) / mr;
                REQUIRE(split.chunks >= 1);
                CHECK(split.begin(0) == 0);
                CHECK(split.begin(split.chunks) == m);
                std::size_t smallest = m, largest = 0, previous = m;
                for (std::size_t q = 0; q < split.chunks; ++q) {
                    const std::size_t b0 = split.begin(q), b1 = split.begin(q + 1);
                    CHECK(b0 % mr == 0);
                    CHECK(b1 > b0);
                    CHECK(b1 - b0 <= previous);  // the larger chunks first
                    previous = b1 - b0;
                    CHECK(b1 - b0 <= mc);
                    CHECK(b1 - b0 <= split.max_rows());
                    if (b1 < m) {  // whole chunks (the last may end in a partial panel)
                        smallest = std::min(smallest, b1 - b0);
                        largest = std::max(largest, b1 - b0);
                    }
                }
                if (largest > 0) CHECK(largest - smallest <= mr);
                // The fewest chunks of at most MC rows, rounded up to a multiple of the team.
                const std::size_t blocks = (panels + mc / mr - 1) / (mc / mr);
                CHECK(split.chunks == std::min(panels, (blocks + threads - 1) / threads * threads));
            }
    // The case that motivated it: 2048 rows, MC 384, two threads: the fewest chunks of at
    // most 384 rows, as many for each thread, and the chunks that each thread takes in
    // turn (the larger first) add up to the same rows.
    const auto split = tmath::detail::gemm_split_rows<T>(2048, 2, 384);
    const std::size_t panels = (2048 + mr - 1) / mr, per_block = 384 / mr;
    CHECK(split.chunks == ((panels + per_block - 1) / per_block + 1) / 2 * 2);
    std::size_t even = 0, odd = 0;
    for (std::size_t q = 0; q < split.chunks; ++q) (q % 2 == 0 ? even : odd) += split.begin(q + 1) - split.begin(q);
    CHECK(even == 1024);
    CHECK(odd == 1024);
}

TEMPLATE_TEST_CASE("transpose_block_part: rows transposed, zero-padded to the width, nothing else written",
                   "[gemm]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    constexpr std::size_t side = tmath::simd::transpose_side<sizeof(T)>;
    if constexpr (side > 1) {
        const std::ptrdiff_t src_stride = static_cast<std::ptrdiff_t>(side) + 3;
        const std::ptrdiff_t dst_stride = static_cast<std::ptrdiff_t>(side) + 1;
        std::vector<T> src(side * static_cast<std::size_t>(src_stride));
        for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<T>(i + 1);
        for (std::size_t rows = 0; rows <= side; ++rows)
            for (std::size_t width = rows; width <= side; ++width) {
                INFO("rows " << rows << ", width " << width);
                std::vector<T> dst(side * static_cast<std::size_t>(dst_stride), T(-7));
                tmath::simd::transpose_block_part(src.data(), src_stride, rows, dst.data(), dst_stride, width);
                for (std::size_t i = 0; i < side; ++i)
                    for (std::size_t j = 0; j < static_cast<std::size_t>(dst_stride); ++j) {
                        const T got = dst[i * static_cast<std::size_t>(dst_stride) + j];
                        const T want = j >= width ? T(-7) : j < rows ? src[j * static_cast<std::size_t>(src_stride) + i] : T(0);
                        CHECK(got == want);
                    }
            }
    }
}

TEMPLATE_TEST_CASE("gemm: alpha, beta and k == 0", "[gemm]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t k : {std::size_t{0}, std::size_t{5}, std::size_t{300}}) {
        for (layout lc : {layout::row, layout::col, layout::strided}) {
            // beta == 0 over a NaN (garbage) C: nothing of it leaks.
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, T(1), T(0)) == "");
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, alpha_odd<T>(), T(0)) == "");
            // beta == 1 accumulates; any other beta scales.
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, T(1), T(1)) == "");
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, alpha_odd<T>(), beta_odd<T>()) == "");
            // alpha == 0: C = beta·C.
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, T(0), beta_odd<T>()) == "");
            CHECK(run_case<T>(23, 21, k, layout::row, layout::col, lc, T(0), T(0)) == "");
        }
    }
    // Products that accumulate into C in place: C += A·B twice gives 2·A·B.
    std::vector<T> a(6 * 5), b(5 * 7), c(6 * 7, T(0));
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(i % 5);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<T>(i % 3);
    for (int r = 0; r < 2; ++r)
        tmath::detail::gemm<T>(6, 7, 5, T(1), {a.data(), 5, 1}, {b.data(), 7, 1}, T(1), {c.data(), 7, 1});
    T s = 0;
    for (std::size_t p = 0; p < 5; ++p) s = static_cast<T>(s + a[5 * 5 + p] * b[p * 7 + 6]);
    CHECK(c[5 * 7 + 6] == static_cast<T>(2 * s));
}

TEMPLATE_TEST_CASE("gemv: matrix x vector and vector x matrix, any strides", "[gemm][gemv]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const layout ins[] = {layout::row, layout::col, layout::strided, layout::bcast, layout::reversed};
    const std::size_t w = tmath::simd::width<T>;
    for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{3}, w - 1 + 1, w + 1, 4 * w + 3, std::size_t{300}}) {
        for (layout la : ins) {
            for (layout lv : {layout::row, layout::col, layout::strided}) {
                // y = A·x: n == 1 (x is a column of B, y a column of C).
                CHECK(run_case<T>(37, 1, len, la, lv, lv, T(1), T(0)) == "");
                CHECK(run_case<T>(len, 1, 37, la, lv, lv, alpha_odd<T>(), beta_odd<T>()) == "");
                // y = x·A: m == 1 (x is a row of A, y a row of C).
                CHECK(run_case<T>(1, 37, len, lv, la, lv, T(1), T(0)) == "");
                CHECK(run_case<T>(1, len, 37, lv, la, lv, alpha_odd<T>(), T(1)) == "");
            }
        }
    }
    // x·A with 8, 4 and 1 columns of Aᵀ per pass: every split of the inner length.
    for (std::size_t k : {std::size_t{7}, std::size_t{8}, std::size_t{9}, std::size_t{12}, std::size_t{13},
                          std::size_t{16}, std::size_t{17}}) {
        CAPTURE(k);
        for (std::size_t len : {std::size_t{1}, w - 1 + 1, w + 1, 4 * w + 3}) {
            CHECK(run_case<T>(1, len, k, layout::row, layout::row, layout::row, T(1), T(0)) == "");
            CHECK(run_case<T>(1, len, k, layout::row, layout::row, layout::strided, alpha_odd<T>(), beta_odd<T>()) == "");
            CHECK(run_case<T>(len, 1, k, layout::row, layout::row, layout::row, alpha_odd<T>(), T(0)) == "");
        }
    }
    // The entry point itself, with negative and non-unit increments.
    std::vector<T> a(5 * 9), x(9 * 3), y(5 * 2, nan_or_garbage<T>());
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(static_cast<int>(i % 7) - 3);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<T>(static_cast<int>(i % 5) - 2);
    // x element j at x[(8 - j)·3]: the vector reversed with stride 3.
    tmath::detail::gemv<T>(5, 9, T(2), {a.data(), 9, 1}, x.data() + 24, -3, T(0), y.data(), 2);
    for (std::size_t i = 0; i < 5; ++i) {
        T s = 0;
        for (std::size_t j = 0; j < 9; ++j) s = static_cast<T>(s + a[i * 9 + j] * x[(8 - j) * 3]);
        CHECK(y[i * 2] == static_cast<T>(2 * s));
    }
}

TEMPLATE_TEST_CASE("gemv: a matrix that streams from memory (the prefetching kernels)", "[gemm][gemv]", float, double) {
    using T = TestType;
    // Over TMATH_STREAMING_BYTES, with odd extents (SIMD and column-group tails), with
    // every family's prefetch threshold and distance.
    std::size_t n = 51;
    while (n * (n + 2) * sizeof(T) < TMATH_STREAMING_BYTES) n += 512;
    // Not exhaustive: each case under one family, the families in turn.
    const auto& families = tmath::arch::all_families;
    for (std::size_t i = 0; i < families.size(); ++i) {
        const auto runs = [&](std::size_t c) { return test::exhaustive || c % families.size() == i; };
        const tuning t = tuning_of(families[i]);
        const entry g = entry::gemm;
        if (runs(0)) CHECK(run_case<T>(1, n, n + 2, layout::row, layout::row, layout::row, T(1), T(0), g, t) == "");  // x·A, y apart
        if (runs(1))
            CHECK(run_case<T>(1, n, n + 2, layout::row, layout::row, layout::row, alpha_odd<T>(), beta_odd<T>(), g, t) == "");
        if (runs(2)) CHECK(run_case<T>(n, 1, n + 2, layout::row, layout::row, layout::row, T(1), T(0), g, t) == "");  // A·x
        if (runs(3))
            CHECK(run_case<T>(n, 1, n + 2, layout::row, layout::row, layout::strided, alpha_odd<T>(), beta_odd<T>(), g, t) ==
                  "");
    }
}

TEMPLATE_TEST_CASE("gemv: y overlapping x is not used as the accumulator", "[gemm][gemv]", float, double, std::int32_t) {
    using T = TestType;
    // y = x·A with y the same memory as x (the kernel must not zero y before reading x).
    const std::size_t n = 19;
    std::vector<T> a(n * n), x(n), want(n);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(static_cast<int>(i % 7) - 3);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<T>(static_cast<int>(i % 5) - 2);
    for (std::size_t j = 0; j < n; ++j) {
        T s = 0;
        for (std::size_t p = 0; p < n; ++p) s = static_cast<T>(s + x[p] * a[p * n + j]);
        want[j] = s;
    }
    // A(j, p) = a[p·n + j]: row stride 1, column stride n.
    tmath::detail::gemv<T>(n, n, T(1), {a.data(), 1, static_cast<std::ptrdiff_t>(n)}, x.data(), 1, T(0), x.data(), 1);
    for (std::size_t j = 0; j < n; ++j) CHECK(x[j] == want[j]);
}

#if TMATH_OPENMP
TEMPLATE_TEST_CASE("gemm: 1 and 2 OpenMP threads give bitwise equal results", "[gemm][openmp]", float, double) {
    using T = TestType;
    using tr = tmath::gemm_traits<T>;
    struct shape { std::size_t m, n, k; };
    // Several K blocks; and k ≤ KC, where one thread takes the small path and two the
    // packed one (with edge tiles in both).
    const std::size_t kc = tr::blocks(tmath::arch::this_processor()).kc;
    // (n is widened until the product reaches the threshold, whatever MR and KC are.)
    const std::size_t m1 = 3 * tr::mr + 5, k1 = kc + 37;
    const std::size_t n1 = std::max(8 * tr::nr + 3, TMATH_GEMM_PARALLEL_THRESHOLD / (m1 * k1) + tr::nr + 1);
    const std::size_t k2 = std::min<std::size_t>(200, kc);
    const std::size_t n2 = std::max<std::size_t>(130, TMATH_GEMM_PARALLEL_THRESHOLD / (150 * k2) + 1);
    const shape shapes[] = {{m1, n1, k1}, {150, n2, k2}};
    for (const shape s : shapes)
        for (layout la : {layout::row, layout::col})
            for (layout lc : {layout::row, layout::col}) {
                INFO(s.m << "x" << s.n << "x" << s.k << " A " << name(la) << ", C " << name(lc));
                REQUIRE(s.m * s.n * s.k >= TMATH_GEMM_PARALLEL_THRESHOLD);
                test::rng rng(7);
                auto a = make_operand<T>(s.m, s.k, la, rng);
                auto b = make_operand<T>(s.k, s.n, layout::row, rng);
                auto c1 = make_operand<T>(s.m, s.n, lc, rng);
                auto c2 = c1;
                const int saved = omp_get_max_threads();
                omp_set_num_threads(1);
                tmath::detail::gemm<T>(s.m, s.n, s.k, T(1), a.cview(), b.cview(), T(0.5), c1.view);
                omp_set_num_threads(2);
                tmath::detail::gemm<T>(s.m, s.n, s.k, T(1), a.cview(), b.cview(), T(0.5), c2.view);
                omp_set_num_threads(saved);
                CHECK(std::memcmp(c1.store.data(), c2.store.data(), c1.store.size() * sizeof(T)) == 0);
            }
}
#endif
