// Replays the creation cases of issue 19: arange, linspace, eye, zeros_like/ones_like/full_like/empty_like, tril, triu.
#include "case_file.hpp"

#include <string>

namespace npdiff {

bool handles_creation(const std::string&) { return false; }

outcome replay_creation(const test_case& c) { return failure("no replay for " + c.op); }

}  // namespace npdiff
