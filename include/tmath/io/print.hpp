#pragma once
/// @file print.hpp
/// `operator<<` for tensors, views, expressions and shapes, in NumPy's style: nested
/// brackets, right-aligned columns, rows wrapped at 75 characters, `True`/`False` for
/// bool, floating point as NumPy writes it (`[ 0.5 12. ]`, see float_format.hpp), and
/// tensors of more than `threshold` elements summarized with `...` (edge items at each
/// end of every long dimension). Integers follow the stream's flags (`std::hex`), and
/// floating point does under `std::fixed` or `std::scientific`; the stream's state is
/// left as it was.

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/io/float_format.hpp"
#include "tmath/io/print_options.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// The text of one element as the stream would format it (its flags; `precision` when it
/// is not negative): integers always, floating point when the stream is set to
/// `std::fixed` or `std::scientific`.
class stream_formatter {
public:
    stream_formatter(const std::ostream& os, int precision) {
        m_buf.copyfmt(os);
        m_buf.width(0);
        m_buf.exceptions(std::ios_base::goodbit);
        if (precision >= 0) m_buf.precision(precision);
    }
    template <class T>
    std::string operator()(T v) {
        m_buf.str(std::string());
        m_buf.clear();
        m_buf << +v;
        return m_buf.str();
    }

private:
    std::ostringstream m_buf;
};

/// The texts of the shown elements `values` (in print order), as NumPy writes them:
/// `True`/`False` (padded to five characters except at rank 0), NumPy's float format
/// unless the stream asks for fixed or scientific notation, integers as the stream
/// writes them.
template <class T>
std::vector<std::string> element_texts(const std::vector<T>& values, std::size_t rank, const std::ostream& os,
                                       const print_options& o) {
    std::vector<std::string> cells;
    cells.reserve(values.size());
    if constexpr (std::is_same_v<T, bool>) {
        for (const bool v : values) cells.emplace_back(v ? (rank ? " True" : "True") : "False");
    } else if constexpr (std::is_floating_point_v<T>) {
        if ((os.flags() & std::ios_base::floatfield) == std::ios_base::fmtflags{}) {
            if (rank == 0) {
                cells.push_back(scalar_text(values.front()));
            } else {
                const float_format<T> format(values, o.precision < 0 ? 8 : o.precision, o.suppress);
                for (const T v : values) cells.push_back(format(v));
            }
            return cells;
        }
        stream_formatter format(os, o.precision);
        for (const T v : values) cells.push_back(format(v));
    } else {
        stream_formatter format(os, -1);
        for (const T v : values) cells.push_back(format(v));
    }
    return cells;
}

/// Appends `word` to the current `line`, first moving the line into `out` and starting a
/// new one with `indent` when the word would pass `width` (and a new line would help).
inline void extend_line(std::string& out, std::string& line, const std::string& word, std::size_t width,
                        const std::string& indent) {
    if (line.size() + word.size() > width && line.size() > indent.size()) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
        line = indent;
    }
    line += word;
}

/// Prints the array `x` (data(), shape(), strides()) with options `o`.
template <class X>
void print_array(std::ostream& os, const X& x, const print_options& o) {
    using value_type = std::remove_cvref_t<decltype(*x.data())>;
    os.width(0);  // a field width is consumed by the tensor, as by any formatted output
    const auto& shape = x.shape();
    const auto& strides = x.strides();
    const std::size_t r = shape.size();
    const auto* data = x.data();
    if (r == 0) {
        const std::vector<std::string> cell = element_texts(std::vector<value_type>{*data}, 0, os, o);
        os << cell.front();
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

    // Pass 1: the shown elements in print order; their texts share one width.
    std::vector<value_type> values;
    auto collect = [&](auto&& self, std::size_t depth, std::ptrdiff_t off) -> void {
        const std::size_t m = shape[depth];
        for (std::size_t i = 0; i < m; ++i) {
            if (cut(m) && i == edge) i = m - edge;
            const std::ptrdiff_t at = off + static_cast<std::ptrdiff_t>(i) * strides[depth];
            if (depth + 1 == r) {
                values.push_back(data[at]);
            } else {
                self(self, depth + 1, at);
            }
        }
    };
    collect(collect, 0, 0);
    std::vector<std::string> cells = element_texts(values, r, os, o);
    std::size_t width = 0;
    for (const auto& c : cells) width = std::max(width, c.size());
    for (auto& c : cells) c.insert(0, width - c.size(), ' ');

    // Pass 2: NumPy's layout. Each level indents its rows one more space; rows of the last
    // axis wrap at the line width; `...` stands for the elided items.
    std::size_t next = 0;
    auto emit = [&](auto&& self, std::size_t depth, const std::string& indent, std::size_t line_width) -> std::string {
        const std::size_t m = shape[depth];
        const std::string inner_indent = indent + ' ';
        std::string out;
        if (depth + 1 == r) {
            const std::size_t elem_width = line_width > 0 ? line_width - 1 : 0;  // room for ']'
            std::string line = indent;
            for (std::size_t i = 0; i < m; ++i) {
                if (cut(m) && i == edge) {
                    extend_line(out, line, "...", elem_width, indent);
                    line += ' ';
                    i = m - edge;
                }
                extend_line(out, line, cells[next++], elem_width, indent);
                if (i + 1 < m) line += ' ';
            }
            out += line;
        } else {
            const std::string row_sep(r - depth - 1, '\n');
            for (std::size_t i = 0; i < m; ++i) {
                if (cut(m) && i == edge) {
                    out += indent + "..." + row_sep;
                    i = m - edge;
                }
                out += indent + self(self, depth + 1, inner_indent, line_width > 0 ? line_width - 1 : 0);
                if (i + 1 < m) out += row_sep;
            }
        }
        return '[' + out.substr(indent.size()) + ']';
    };
    const std::string out = emit(emit, 0, " ", o.linewidth);
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
/// expressions are evaluated first. Leaves the stream's state unchanged.
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
