// Prints the best tier of tmath::kernels that this processor supports (before the cap
// of TMATH_ARCH): tests/kernels/run_tier.cmake skips the tiers above it.
#include <tmath/kernels/info.hpp>

#include <cstdio>

int main() {
    std::printf("%s\n", tmath::kernels_info().supported.c_str());
    return 0;
}
