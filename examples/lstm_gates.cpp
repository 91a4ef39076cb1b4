// The element-wise part of an LSTM cell step: c' = f * c + i * g, fused into one loop.
// (tanh and sigmoid arrive with the element-wise math issue; the gates here are given.)
#include <tmath/tmath.hpp>

#include <iostream>

int main() {
    tmath::tensor<float> f = {{0.5f, 0.25f, 1.0f}, {0.0f, 0.75f, 0.5f}};  // forget gate
    tmath::tensor<float> i = {{0.5f, 0.5f, 0.0f}, {1.0f, 0.25f, 0.5f}};   // input gate
    tmath::tensor<float> g = {{2.0f, -4.0f, 8.0f}, {1.0f, 4.0f, -2.0f}};  // candidate
    tmath::tensor<float> c = {{4.0f, 8.0f, -2.0f}, {3.0f, 4.0f, 6.0f}};   // cell state

    c = f * c + i * g;  // one pass, in place: every operand is read where it is written
    std::cout << "c' =\n" << c << '\n';

    const float expect[] = {3.0f, 0.0f, -2.0f, 1.0f, 4.0f, 2.0f};
    for (std::size_t k = 0; k < 6; ++k)
        if (c.data()[k] != expect[k]) {
            std::cout << "MISMATCH at " << k << '\n';
            return 1;
        }
    std::cout << "matches the hand computation\n";
    return 0;
}
