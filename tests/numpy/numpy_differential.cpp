// tmath's NumPy-differential test: replays every case of a file gen_cases.py or
// gen_index_cases.py wrote (the first argument) and prints `N passed, M failed`, with the
// first failures described; exits non-zero when a case fails, the file is missing or
// malformed, or it holds fewer cases than the second argument (default 10000).
#include "case_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

npdiff::outcome replay(const npdiff::test_case& c) {
    const std::string& op = c.op;
    if (op == "matmul" || op == "dot") return npdiff::replay_products(c);
    if (op == "view" || op == "assign") return npdiff::replay_indexing(c);
    if (op == "reshape" || op == "ravel" || op == "squeeze" || op == "expand_dims" || op == "moveaxis" ||
        op == "broadcast_to" || op == "concatenate" || op == "stack" || op == "split" || op == "take" ||
        op == "take_along_axis")
        return npdiff::replay_shapes(c);
    if (op == "sum" || op == "prod" || op == "mean" || op == "max" || op == "min" || op == "softmax" ||
        op == "log_softmax")
        return npdiff::replay_reductions(c);
    if (op == "add" || op == "sub" || op == "mul" || op == "div" || op == "maximum" || op == "minimum")
        return npdiff::replay_arithmetic(c);
    if (npdiff::handles_creation(op)) return npdiff::replay_creation(c);
    if (npdiff::handles_logic(op)) return npdiff::replay_logic(c);
    if (npdiff::handles_math(op)) return npdiff::replay_math(c);
    if (npdiff::handles_stats(op)) return npdiff::replay_stats(c);
    if (npdiff::handles_contract(op)) return npdiff::replay_contract(c);
    return npdiff::replay_functions(c);
}

std::string describe(const npdiff::test_case& c) {
    std::string s = "case at line " + std::to_string(c.line) + ": " + c.op + " of";
    for (const auto& o : c.operands) {
        s += std::string(" ") + npdiff::dtype_name(o.type) + npdiff::fmt(o.logical);
        if (o.view != 'n') s += std::string(" view ") + o.view;
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: numpy_differential CASES_FILE [MIN_CASES]\n";
        return 2;
    }
    const std::size_t min_cases = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 10000;
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "numpy_differential: cannot open " << argv[1] << "\n";
        return 2;
    }
    std::size_t passed = 0, failed = 0, line_number = 0;
    constexpr std::size_t shown = 10;
    std::string line;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty()) continue;
        std::string why;
        npdiff::test_case c;
        try {
            c = npdiff::parse_case(line, line_number);
            why = npdiff::compare(c, replay(c));
        } catch (const std::exception& e) {
            why = std::string("malformed case: ") + e.what();
            c.line = line_number;
        }
        if (why.empty()) {
            ++passed;
            continue;
        }
        if (++failed <= shown) std::cout << "FAILED " << describe(c) << ": " << why << "\n";
    }
    if (failed > shown) std::cout << "(" << failed - shown << " more failures not shown)\n";
    std::cout << passed << " passed, " << failed << " failed\n";
    if (passed + failed < min_cases) {
        std::cout << "numpy_differential: only " << passed + failed << " cases (expected at least " << min_cases
                  << ")\n";
        return 1;
    }
    return failed == 0 ? 0 : 1;
}
