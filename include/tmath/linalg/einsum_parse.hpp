#pragma once
/// @file einsum_parse.hpp
/// The subscripts of `einsum`: one term of letters per operand, separated by commas,
/// then optionally `->` and the output's letters (spaces are ignored). Without `->` the
/// output is every letter that occurs once, in ASCII order (upper case first), as NumPy.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Parsed einsum subscripts.
struct einsum_spec {
    std::vector<std::string> inputs;  ///< the letters of each operand, in order
    std::string output;               ///< the letters of the result, in order
};

/// True for the letters einsum accepts as subscripts.
constexpr bool einsum_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// einsum's std::invalid_argument for `subscripts`: `why`.
[[noreturn, gnu::cold]] inline void throw_einsum(std::string_view subscripts, const std::string& why) {
    throw std::invalid_argument("einsum: " + why + " in subscripts '" + std::string(subscripts) + "'");
}

/// Parses `s` for `operands` operands; throws std::invalid_argument naming `s` when it
/// is malformed (a character other than a letter, ',' or '->', a term count other than
/// `operands`, an output letter repeated or absent from the inputs).
inline einsum_spec parse_einsum(std::string_view s, std::size_t operands) {
    einsum_spec spec;
    spec.inputs.emplace_back();
    bool arrow = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        std::string& term = arrow ? spec.output : spec.inputs.back();
        if (einsum_letter(c)) term += c;
        else if (c == ' ') continue;
        else if (c == ',' && !arrow) spec.inputs.emplace_back();
        else if (c == '-' && i + 1 < s.size() && s[i + 1] == '>' && !arrow) arrow = true, ++i;
        else if (c == '.') throw_einsum(s, "ellipsis ('...') is not supported");
        else throw_einsum(s, "invalid character '" + std::string(1, c) + "' at position " + std::to_string(i));
    }
    if (spec.inputs.size() != operands)
        throw_einsum(s, std::to_string(spec.inputs.size()) + " operand term" + (spec.inputs.size() == 1 ? "" : "s") +
                            " for " + std::to_string(operands) + " operand" + (operands == 1 ? "" : "s"));
    std::string all;
    for (const auto& t : spec.inputs) all += t;
    if (!arrow) {  // implicit output: the letters occurring once, sorted
        for (char c : all)
            if (std::count(all.begin(), all.end(), c) == 1) spec.output += c;
        std::sort(spec.output.begin(), spec.output.end());
        return spec;
    }
    for (std::size_t i = 0; i < spec.output.size(); ++i) {
        const char c = spec.output[i];
        if (spec.output.find(c) != i) throw_einsum(s, "output subscript '" + std::string(1, c) + "' repeated");
        if (all.find(c) == std::string::npos)
            throw_einsum(s, "output subscript '" + std::string(1, c) + "' does not occur in the inputs");
    }
    return spec;
}

}  // namespace tmath::detail
