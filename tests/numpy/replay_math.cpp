// Replays the math cases of issue 19: element-wise math: sin, cos, tan, rounding, sign, square, log1p, expm1, log2, log10, exp2, erf, clip, remainder, fmod, pow with a tensor exponent.
#include "case_file.hpp"

#include <string>

namespace npdiff {

bool handles_math(const std::string&) { return false; }

outcome replay_math(const test_case& c) { return failure("no replay for " + c.op); }

}  // namespace npdiff
