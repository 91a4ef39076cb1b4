// Printing: NumPy's layout (nested brackets, right-aligned columns, True/False,
// summarization with `...` beyond 1000 elements, edge items 3), precision through
// tmath::precision and print_options, the stream's own formatting honored and its
// state unchanged, shapes as (2, 3), views and expressions.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cstdint>
#include <iomanip>
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
    CHECK(str(tmath::tensor<float>{{1, -2}, {30, 4}}) == "[[ 1 -2]\n [30  4]]");
    CHECK(str(iota({2, 2, 3})) == "[[[ 0  1  2]\n  [ 3  4  5]]\n\n [[ 6  7  8]\n  [ 9 10 11]]]");
    CHECK(str(tmath::tensor<double>{0.5, -1.25, 100}) == "[  0.5 -1.25   100]");
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

TEST_CASE("print: precision without leaking stream state", "[print]") {
    tmath::tensor<double> d = {3.14159265, -2.5, 100};
    std::ostringstream os;
    os << tmath::precision(3) << d << ' ' << 3.14159265;
    CHECK(os.str() == "[3.14 -2.5  100] 3.14159");  // the stream's own precision is untouched
    CHECK(os.precision() == 6);
    os.str("");
    os << d;  // the tensor precision stays set on this stream
    CHECK(os.str() == "[3.14 -2.5  100]");
    os.str("");
    os << tmath::precision(-1) << d;
    CHECK(os.str() == "[3.14159    -2.5     100]");
    CHECK(str(tmath::printed(d, {.precision = 2})) == "[  3.1  -2.5 1e+02]");
    // Another stream is not affected.
    CHECK(str(d) == "[3.14159    -2.5     100]");
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
