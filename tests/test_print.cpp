// Printing: NumPy's layout (nested brackets, right-aligned columns, True/False,
// summarization with `...` beyond 1000 elements, edge items 3, rows wrapped at 75
// characters), NumPy's float text, precision through tmath::precision and print_options,
// std::fixed/std::scientific and integer flags honored, the stream's state unchanged,
// shapes as (2, 3), views and expressions. Every expected string is NumPy 1.24's output
// for the array in the comment next to it.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cstdint>
#include <iomanip>
#include <limits>
#include <ios>
#include <sstream>
#include <string>

namespace {

template <class X>
std::string str(const X& x) {
    std::ostringstream os;
    os << x;
    return os.str();
}

/// A tensor of `s` holding 0, 1, 2, ... in row-major order.
tmath::tensor<std::int64_t> iota(std::initializer_list<std::size_t> s) {
    auto t = tmath::empty<std::int64_t>(s);
    for (std::size_t k = 0; k < t.size(); ++k) t.data()[k] = static_cast<std::int64_t>(k);
    return t;
}

}  // namespace

TEST_CASE("print: rank 0 to 3 with aligned columns and negative numbers", "[print]") {
    CHECK(str(tmath::full<int>({}, 7)) == "7");
    CHECK(str(tmath::tensor<int>{1, 2, 3}) == "[1 2 3]");
    CHECK(str(tmath::tensor<int>{-1, 20, 3}) == "[-1 20  3]");
    CHECK(str(tmath::tensor<float>{{1, -2}, {30, 4}}) == "[[ 1. -2.]\n [30.  4.]]");
    CHECK(str(iota({2, 2, 3})) == "[[[ 0  1  2]\n  [ 3  4  5]]\n\n [[ 6  7  8]\n  [ 9 10 11]]]");
    CHECK(str(tmath::tensor<double>{0.5, -1.25, 100}) == "[  0.5   -1.25 100.  ]");
    // int8 prints as numbers, not characters.
    CHECK(str(tmath::tensor<std::int8_t>{-5, 65}) == "[-5 65]");
}

TEST_CASE("print: empty tensors print as empty brackets", "[print]") {
    CHECK(str(tmath::tensor<float>{}) == "[]");
    CHECK(str(tmath::zeros<float>({2, 0})) == "[]");
    CHECK(str(tmath::zeros<float>({0, 3, 2})) == "[]");
}

TEST_CASE("print: bools as True and False", "[print][compare]") {
    tmath::tensor<bool> b = {true, false};
    CHECK(str(b) == "[ True False]");
    tmath::tensor<int> x = {{1, 5}, {7, 0}};
    CHECK(str(tmath::tensor<bool>(x > 2)) == "[[False  True]\n [ True False]]");
    CHECK(str(tmath::full<bool>({}, true)) == "True");
}

TEST_CASE("print: views and lazy expressions print their values", "[print]") {
    tmath::tensor<int> a = {{1, 2, 3}, {4, 5, 6}};
    CHECK(str(tmath::transpose(a)) == "[[1 4]\n [2 5]\n [3 6]]");
    CHECK(str(a * 10) == "[[10 20 30]\n [40 50 60]]");
    CHECK(str(a > 3) == "[[False False False]\n [ True  True  True]]");
}

TEST_CASE("print: more than 1000 elements are summarized like NumPy", "[print]") {
    // numpy: print(np.arange(2000))
    CHECK(str(iota({2000})) == "[   0    1    2 ... 1997 1998 1999]");
    // exactly the threshold: everything is printed
    CHECK(str(iota({1000})).find("...") == std::string::npos);
    CHECK(str(iota({1001})).find("...") != std::string::npos);
    // numpy: print(np.arange(2000).reshape(40, 50))
    CHECK(str(iota({40, 50})) == "[[   0    1    2 ...   47   48   49]\n"
                                 " [  50   51   52 ...   97   98   99]\n"
                                 " [ 100  101  102 ...  147  148  149]\n"
                                 " ...\n"
                                 " [1850 1851 1852 ... 1897 1898 1899]\n"
                                 " [1900 1901 1902 ... 1947 1948 1949]\n"
                                 " [1950 1951 1952 ... 1997 1998 1999]]");
    // numpy: print(np.arange(1100).reshape(1100, 1)): short rows stay whole
    const std::string col = str(iota({1100, 1}));
    CHECK(col.starts_with("[[   0]\n [   1]\n [   2]\n ...\n [1097]\n"));
    // numpy: print(np.arange(3000).reshape(10, 3, 100)): a summarized outer axis
    const std::string cube = str(iota({10, 3, 100}));
    CHECK(cube.starts_with("[[[   0    1    2 ...   97   98   99]\n  [ 100  101  102 ...  197  198  199]\n"));
    CHECK(cube.find("]]\n\n ...\n\n [[") != std::string::npos);
    // Options: a higher threshold prints everything, fewer edge items show less.
    CHECK(str(tmath::printed(iota({2000}), {.threshold = 5000})).find("...") == std::string::npos);
    CHECK(str(tmath::printed(iota({2000}), {.edgeitems = 1})) == "[   0 ... 1999]");
    CHECK(str(tmath::printed(iota({10}), {.threshold = 5, .edgeitems = 2})) == "[0 1 ... 8 9]");
}

TEST_CASE("print: floating point as NumPy writes it", "[print]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    // print(np.array(x)) for rank 0: NumPy's scalar text
    CHECK(str(tmath::full<double>({}, 100.0)) == "100.0");
    CHECK(str(tmath::full<double>({}, 1e16)) == "1e+16");
    CHECK(str(tmath::full<double>({}, 1.5e-5)) == "1.5e-05");
    CHECK(str(tmath::full<float>({}, 0.1f)) == "0.1");  // float32: shortest float digits
    CHECK(str(tmath::full<double>({}, -0.0)) == "-0.0");
    CHECK(str(tmath::full<double>({}, -inf)) == "-inf");
    // print(np.array([1.5e-5, 1, np.nan, -np.inf])): scientific once the range passes 1e3
    CHECK(str(tmath::tensor<double>{1.5e-5, 1, nan, -inf}) == "[1.5e-05 1.0e+00     nan    -inf]");
    CHECK(str(tmath::tensor<double>{1e-5, 1}) == "[1.e-05 1.e+00]");
    CHECK(str(tmath::tensor<double>{0.1, 1e8}) == "[1.e-01 1.e+08]");
    CHECK(str(tmath::tensor<double>{1e300, 1e-300}) == "[1.e+300 1.e-300]");
    CHECK(str(tmath::tensor<double>{1, nan}) == "[ 1. nan]");
    CHECK(str(tmath::tensor<double>{nan, -inf}) == "[ nan -inf]");
    CHECK(str(tmath::tensor<double>{-0.0, 1}) == "[-0.  1.]");
    // At most 8 digits after the point, rounded; float32 keeps its own shortest digits.
    CHECK(str(tmath::tensor<double>{3.14159265, -2.5, 100}) == "[  3.14159265  -2.5        100.        ]");
    CHECK(str(tmath::tensor<double>{1.0 / 3, 2.0 / 3}) == "[0.33333333 0.66666667]");
    CHECK(str(tmath::tensor<float>{1.0f / 3, 2.0f / 3}) == "[0.33333334 0.6666667 ]");
    // print((-5 + 0.37 * np.arange(12.)).reshape(3, 4)): digits of the rounded values
    tmath::tensor<double> g = tmath::empty<double>({3, 4});
    for (std::size_t k = 0; k < g.size(); ++k) g.data()[k] = -5 + 0.37 * static_cast<double>(k);
    CHECK(str(g) == "[[-5.   -4.63 -4.26 -3.89]\n [-3.52 -3.15 -2.78 -2.41]\n [-2.04 -1.67 -1.3  -0.93]]");
    // np.printoptions(suppress=True): positional below 1e8 however small
    tmath::tensor<double> small = {-1e-3, 7.25e-4, 2.5};
    CHECK(str(small) == "[-1.00e-03  7.25e-04  2.50e+00]");
    CHECK(str(tmath::printed(small, {.suppress = true})) == "[-0.001     0.000725  2.5     ]");
}

TEST_CASE("print: rows wrap at the line width like NumPy", "[print]") {
    // print(np.arange(30.))
    tmath::tensor<double> a = tmath::empty<double>({30});
    for (std::size_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<double>(k);
    CHECK(str(a) == "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
                    " 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]");
    // print(np.arange(100).reshape(2, 50)): continuation lines indent under the row
    CHECK(str(iota({2, 50})) ==
          "[[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n"
          "  24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47\n"
          "  48 49]\n"
          " [50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73\n"
          "  74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97\n"
          "  98 99]]");
    // np.printoptions(linewidth=20): print(np.arange(30))
    CHECK(str(tmath::printed(iota({30}), {.linewidth = 20})) ==
          "[ 0  1  2  3  4  5\n  6  7  8  9 10 11\n 12 13 14 15 16 17\n 18 19 20 21 22 23\n 24 25 26 27 28 29]");
    // print(np.arange(40) > 20)
    CHECK(str(tmath::tensor<bool>(iota({40}) > std::int64_t{20})) ==
          "[False False False False False False False False False False False False\n"
          " False False False False False False False False False  True  True  True\n"
          "  True  True  True  True  True  True  True  True  True  True  True  True\n"
          "  True  True  True  True]");
    // print(1.5 * np.arange(2000.).reshape(40, 50)): summarized and scientific
    tmath::tensor<double> s = tmath::empty<double>({40, 50});
    for (std::size_t k = 0; k < s.size(); ++k) s.data()[k] = 1.5 * static_cast<double>(k);
    const std::string text = str(s);
    CHECK(text.starts_with("[[0.0000e+00 1.5000e+00 3.0000e+00 ... 7.0500e+01 7.2000e+01 7.3500e+01]\n"
                           " [7.5000e+01 7.6500e+01 7.8000e+01 ... 1.4550e+02 1.4700e+02 1.4850e+02]\n"));
    CHECK(text.ends_with(" [2.9250e+03 2.9265e+03 2.9280e+03 ... 2.9955e+03 2.9970e+03 2.9985e+03]]"));
}

TEST_CASE("print: precision without leaking stream state", "[print]") {
    tmath::tensor<double> d = {3.14159265, -2.5, 100};
    std::ostringstream os;
    // np.printoptions(precision=3): print(np.array([3.14159265, -2.5, 100]))
    os << tmath::precision(3) << d << ' ' << 3.14159265;
    CHECK(os.str() == "[  3.142  -2.5   100.   ] 3.14159");  // the stream's own precision is untouched
    CHECK(os.precision() == 6);
    os.str("");
    os << d;  // the tensor precision stays set on this stream
    CHECK(os.str() == "[  3.142  -2.5   100.   ]");
    os.str("");
    os << tmath::precision(3) << tmath::tensor<double>{1e-5, 3.14159265};
    CHECK(os.str() == "[1.000e-05 3.142e+00]");
    os.str("");
    os << tmath::precision(-1) << d;
    CHECK(os.str() == "[  3.14159265  -2.5        100.        ]");
    CHECK(str(tmath::printed(d, {.precision = 2})) == "[  3.14  -2.5  100.  ]");
    // Another stream is not affected.
    CHECK(str(d) == "[  3.14159265  -2.5        100.        ]");
}

TEST_CASE("print: the stream's flags format the elements and stay as they were", "[print]") {
    tmath::tensor<float> f = {1.5f, -2.0f};
    std::ostringstream os;
    os << std::fixed << std::setprecision(2);
    const auto flags = os.flags();
    os << f;
    CHECK(os.str() == "[ 1.50 -2.00]");
    CHECK(os.flags() == flags);
    CHECK(os.precision() == 2);
    os.str("");
    os << std::setw(8) << f << '|' << std::setw(4) << 7;
    CHECK(os.str() == "[ 1.50 -2.00]|   7");
    CHECK(os.width() == 0);
    os.str("");
    os << std::hex << tmath::tensor<int>{255, 16};
    CHECK(os.str() == "[ff 10]");
}

TEST_CASE("print: shapes and strides as NumPy spells them", "[print]") {
    CHECK(str(tmath::zeros<float>({2, 3}).shape()) == "(2, 3)");
    CHECK(str(tmath::zeros<float>({5}).shape()) == "(5,)");
    CHECK(str(tmath::zeros<float>({}).shape()) == "()");
    CHECK(str(tmath::zeros<float>({4, 1, 0}).shape()) == "(4, 1, 0)");
    CHECK(str(tmath::zeros<float>({2, 3}).strides()) == "(3, 1)");
    // Error messages keep their compact spelling.
    CHECK(test::shape_error_message([] { (void)(tmath::zeros<float>({2, 3}) + tmath::zeros<float>({4})); }) ==
          "add: operands could not be broadcast together with shapes (2,3) and (4,)");
}
