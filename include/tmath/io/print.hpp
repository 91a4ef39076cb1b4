#pragma once
/// @file print.hpp
/// `operator<<` for tensors, views, expressions and shapes, in NumPy's style: nested
/// brackets, right-aligned columns, `True`/`False` for bool, and tensors of more than
/// `threshold` elements summarized with `...` (edge items at each end of every long
/// dimension). Elements are formatted as the stream formats numbers (its flags, and its
/// precision unless `tmath::precision` or print_options set one); the stream's state is
/// left as it was.

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/io/print_options.hpp"

namespace tmath {

namespace detail {

/// The text of one element: `True`/`False` for bool, else the number formatted like `os`
/// would (its flags), with `precision` digits when it is not negative.
class cell_formatter {
public:
    cell_formatter(const std::ostream& os, int precision) {
        m_buf.copyfmt(os);
        m_buf.width(0);
        m_buf.exceptions(std::ios_base::goodbit);
        if (precision >= 0) m_buf.precision(precision);
    }
    template <class T>
    std::string operator()(T v) {
        if constexpr (std::is_same_v<T, bool>) {
            return v ? "True" : "False";
        } else {
            m_buf.str(std::string());
            m_buf.clear();
            m_buf << +v;
            return m_buf.str();
        }
    }

private:
    std::ostringstream m_buf;
};

/// Prints the array `x` (data(), shape(), strides()) with options `o`.
template <class X>
void print_array(std::ostream& os, const X& x, const print_options& o) {
    os.width(0);  // a field width is consumed by the tensor, as by any formatted output
    const auto& shape = x.shape();
    const auto& strides = x.strides();
    const std::size_t r = shape.size();
    cell_formatter format(os, o.precision);
    const auto* data = x.data();
    if (r == 0) {
        os << format(*data);
        return;
    }
    const std::size_t n = shape_size(std::span<const std::size_t>(shape.data(), r));
    if (n == 0) {
        os << "[]";
        return;
    }
    const bool summarize = n > o.threshold;
    const std::size_t edge = o.edgeitems;
    // The indices shown along a dimension of extent m: all, or the edges and a gap.
    auto cut = [&](std::size_t m) { return summarize && m > 2 * edge; };

    // Pass 1: format the shown elements (in print order) to learn the column width.
    std::vector<std::string> cells;
    std::size_t width = 0;
    auto collect = [&](auto&& self, std::size_t depth, std::ptrdiff_t off) -> void {
        const std::size_t m = shape[depth];
        for (std::size_t i = 0; i < m; ++i) {
            if (cut(m) && i == edge) i = m - edge;
            const std::ptrdiff_t at = off + static_cast<std::ptrdiff_t>(i) * strides[depth];
            if (depth + 1 == r) {
                cells.push_back(format(data[at]));
                width = std::max(width, cells.back().size());
            } else {
                self(self, depth + 1, at);
            }
        }
    };
    collect(collect, 0, 0);

    // Pass 2: brackets, separators and `...` around the padded cells.
    std::string out;
    std::size_t next = 0;
    auto emit = [&](auto&& self, std::size_t depth) -> void {
        const std::size_t m = shape[depth];
        const std::string line_sep = std::string(r - depth - 1, '\n') + std::string(depth + 1, ' ');
        out += '[';
        for (std::size_t i = 0; i < m; ++i) {
            if (depth + 1 == r) {
                if (i) out += ' ';
                if (cut(m) && i == edge) {
                    out += "... ";
                    i = m - edge;
                }
                out.append(width - cells[next].size(), ' ');
                out += cells[next++];
            } else {
                if (i) out += line_sep;
                if (cut(m) && i == edge) {
                    out += "...";
                    out += line_sep;
                    i = m - edge;
                }
                self(self, depth + 1);
            }
        }
        out += ']';
    };
    emit(emit, 0);
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
}

/// A tensor expression with the options to print it with (see `tmath::printed`).
template <class E>
struct printed_expression {
    const E& expr;
    print_options options;
};

/// Prints any expression: memory directly, anything else evaluated first.
template <tensor_expression E>
void print_expression(std::ostream& os, const E& e, const print_options& o) {
    if constexpr (memory_expression<E>) {
        print_array(os, e, o);
    } else {
        const tensor<value_type_t<E>> t(e);
        print_array(os, t, o);
    }
}

}  // namespace detail

/// Prints a tensor, view or expression in NumPy's style, e.g. `[[1 2]\n [3 4]]`;
/// expressions are evaluated first. Uses the stream's number formatting and leaves
/// the stream's state unchanged.
template <tensor_expression E>
std::ostream& operator<<(std::ostream& os, const E& e) {
    detail::print_expression(os, e, stream_print_options(os));
    return os;
}

/// `os << tmath::printed(t, opts)` prints `t` with explicit options.
template <tensor_expression E>
detail::printed_expression<E> printed(const E& e, print_options options) {
    return {e, options};
}
/// Prints an expression with the options it was given by `tmath::printed`.
template <class E>
std::ostream& operator<<(std::ostream& os, const detail::printed_expression<E>& p) {
    detail::print_expression(os, p.expr, p.options);
    return os;
}

/// Prints a shape the way NumPy spells it: `(2, 3)`, `(5,)`, `()`.
inline std::ostream& operator<<(std::ostream& os, const shape_t& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(s[i]);
    }
    out += s.size() == 1 ? ",)" : ")";
    return os << out;
}
/// Prints strides like a shape: `(3, 1)`.
inline std::ostream& operator<<(std::ostream& os, const strides_t& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(s[i]);
    }
    out += s.size() == 1 ? ",)" : ")";
    return os << out;
}

}  // namespace tmath
