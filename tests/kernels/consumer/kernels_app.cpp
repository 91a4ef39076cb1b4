// Built with no -march flag and linked with tmath::kernels: a float product through
// matmul and a dot through dot, checked against reference loops, on the tier chosen at
// run time (TMATH_ARCH caps it); the same product through the header-only kernels of
// another TU of the program (header_only_part.cpp), whose kernels_info() must say so.
// Exit status 0 means correct.
#include <tmath/tmath.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>

bool header_only_part_reports_header_only();
void header_only_part_matmul(const float* a, const float* b, float* c, std::size_t m, std::size_t n, std::size_t k);

int main() {
    const std::size_t m = 67, n = 45, k = 301;
    tmath::tensor<float> a = tmath::empty<float>({m, k}), b = tmath::empty<float>({k, n});
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t p = 0; p < k; ++p) a(i, p) = static_cast<float>((i * 7 + p * 3) % 17) / 8.0f - 1.0f;
    for (std::size_t p = 0; p < k; ++p)
        for (std::size_t j = 0; j < n; ++j) b(p, j) = static_cast<float>((p * 5 + j * 11) % 13) / 6.0f - 1.0f;
    const tmath::tensor<float> c = tmath::matmul(a, b);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            double ref = 0, mag = 0;
            for (std::size_t p = 0; p < k; ++p) {
                ref += static_cast<double>(a(i, p)) * static_cast<double>(b(p, j));
                mag += std::fabs(static_cast<double>(a(i, p)) * static_cast<double>(b(p, j)));
            }
            if (std::fabs(static_cast<double>(c(i, j)) - ref) > 1e-6 * static_cast<double>(k) * mag) ++bad;
        }
    // The header-only TU's product: the same within rounding (its kernels may use
    // other instructions than the component's tier, so not bit for bit).
    tmath::tensor<float> c2 = tmath::empty<float>({m, n});
    header_only_part_matmul(a.data(), b.data(), c2.data(), m, n, k);
    std::size_t apart = 0;
    for (std::size_t i = 0; i < m * n; ++i)
        if (std::fabs(static_cast<double>(c2.data()[i] - c.data()[i])) > 1e-4 * (1.0 + std::fabs(static_cast<double>(c.data()[i])))) ++apart;
    const bool header_only_part = header_only_part_reports_header_only();
    const tmath::tensor<float> x = tmath::ones<float>({1000}), y = tmath::full<float>({1000}, 0.5f);
    const float d = tmath::dot(x, y);
    tmath::kernels_report (*volatile info)() = &tmath::kernels_info;  // the out-of-line copy, as in the other TU
    const tmath::kernels_report r = info();
    std::printf("tmath::kernels tier %s (best supported %s): %zu of %zu elements off, dot %g; header-only TU: %s, "
                "%zu elements apart\n",
                r.tier.c_str(), r.supported.c_str(), bad, m * n, static_cast<double>(d),
                header_only_part ? "header-only" : "WRONG (reports the component)", apart);
    return bad == 0 && d == 500.0f && r.compiled && header_only_part && apart == 0 ? 0 : 1;
}
