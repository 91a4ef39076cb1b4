#pragma once
/// @file float_format.hpp
/// NumPy's text for floating-point array elements (its default "maxprec" float mode):
/// every element with the fewest digits that read back as the same value, at most
/// `precision` digits after the point; positional (`100.`, `0.25`) unless the shown
/// values span too wide a range, then scientific with a common mantissa width
/// (`1.5e-05`); points aligned by padding; `nan`, `inf`, `-inf` right-aligned.
/// Rank-0 values print as NumPy prints a scalar (`100.0`, `1e-05`).

#include <algorithm>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <system_error>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A finite value in decimal: sign, the digits before and after the point, and (for
/// scientific text) the power of ten.
struct decimal_text {
    bool negative = false;
    std::string integer;   ///< digits before the point (one digit when scientific)
    std::string fraction;  ///< digits after the point, no trailing zeros
    int exponent = 0;      ///< scientific text only
};

/// `to_chars` into a string (the buffer fits any float or double in these formats).
template <std::floating_point T, class... Format>
std::string chars_of(T v, Format... format) {
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, format...);
    return r.ec == std::errc{} ? std::string(buf, r.ptr) : std::string();
}

/// Splits the unsigned text `d.ddd[e±xx]` or `ddd.ddd` into `out`, trimming trailing zeros
/// of the fraction.
inline void split_decimal(const std::string& s, decimal_text& out) {
    const std::size_t e = s.find('e');
    const std::string mantissa = s.substr(0, e);
    if (e != std::string::npos) out.exponent = std::stoi(s.substr(e + 1));
    const std::size_t dot = mantissa.find('.');
    out.integer = mantissa.substr(0, dot);
    out.fraction = dot == std::string::npos ? std::string() : mantissa.substr(dot + 1);
    while (!out.fraction.empty() && out.fraction.back() == '0') out.fraction.pop_back();
}

/// The shortest digits that read back as `|v|`: scientific, `d.ddd` × 10^exponent.
template <std::floating_point T>
decimal_text shortest_scientific(T v) {
    decimal_text d;
    d.negative = std::signbit(v);
    split_decimal(chars_of(std::fabs(v), std::chars_format::scientific), d);
    return d;
}

/// Scientific text of `v`: its shortest digits, rounded to `precision` fraction digits
/// when longer (negative: never rounded).
template <std::floating_point T>
decimal_text scientific_text(T v, int precision) {
    decimal_text d = shortest_scientific(v);
    if (precision >= 0 && d.fraction.size() > static_cast<std::size_t>(precision)) {
        split_decimal(chars_of(std::fabs(v), std::chars_format::scientific, precision), d);
    }
    return d;
}

/// Positional text of `v`: its shortest digits, rounded to `precision` fraction digits
/// when longer (negative: never rounded).
template <std::floating_point T>
decimal_text positional_text(T v, int precision) {
    const decimal_text s = shortest_scientific(v);
    decimal_text d;
    d.negative = s.negative;
    const std::string digits = s.integer + s.fraction;
    const auto n = static_cast<std::ptrdiff_t>(digits.size());
    const std::ptrdiff_t e = s.exponent;
    if (precision >= 0 && n - 1 - e > precision) {
        split_decimal(chars_of(std::fabs(v), std::chars_format::fixed, precision), d);
        return d;
    }
    if (e >= 0) {
        const auto split = static_cast<std::size_t>(std::min(n, e + 1));
        d.integer = digits.substr(0, split) + std::string(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, e + 1 - n)), '0');
        d.fraction = digits.substr(split);
    } else {
        d.integer = "0";
        d.fraction = std::string(static_cast<std::size_t>(-e - 1), '0') + digits;
    }
    return d;
}

/// The text NumPy gives a floating-point scalar (and a rank-0 array): Python's `repr`
/// rules, positional for 1e-4 <= |v| < 1e16 and zero (`100.0`, `0.25`), else scientific
/// (`1e+16`, `1.5e-05`); `nan`, `inf`, `-inf`.
template <std::floating_point T>
std::string scalar_text(T v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    const T a = std::fabs(v);
    const std::string sign = std::signbit(v) ? "-" : "";
    if (a == T(0) || (a >= T(1e-4) && static_cast<double>(a) < 1e16)) {
        const decimal_text d = positional_text(v, -1);
        return sign + d.integer + '.' + (d.fraction.empty() ? std::string("0") : d.fraction);
    }
    const decimal_text d = shortest_scientific(v);
    const std::string exp = std::to_string(std::abs(d.exponent));
    return sign + d.integer + (d.fraction.empty() ? std::string() : '.' + d.fraction) + 'e' +
           (d.exponent < 0 ? '-' : '+') + (exp.size() < 2 ? "0" : "") + exp;
}

/// Formats the elements of one printed array the way NumPy does, with widths and mode
/// fixed from the values that are shown (see the file comment).
template <std::floating_point T>
class float_format {
public:
    /// Chooses the mode and the paddings for `shown`, with at most `precision` digits after
    /// the point; `suppress` keeps positional text unless a value reaches 1e8 (NumPy's
    /// `suppress=True`).
    float_format(std::span<const T> shown, int precision, bool suppress) : m_precision(precision) {
        double max_abs = 0, min_abs = 0;
        bool any_finite = false, any_nonzero = false, any_nan = false, any_inf = false, neg_inf = false;
        for (const T v : shown) {
            if (std::isnan(v)) {
                any_nan = true;
                continue;
            }
            if (std::isinf(v)) {
                any_inf = true;
                neg_inf = neg_inf || v < 0;
                continue;
            }
            any_finite = true;
            const double a = std::fabs(static_cast<double>(v));
            if (a == 0) continue;
            max_abs = any_nonzero ? std::max(max_abs, a) : a;
            min_abs = any_nonzero ? std::min(min_abs, a) : a;
            any_nonzero = true;
        }
        if (any_nonzero) m_scientific = max_abs >= 1e8 || (!suppress && (min_abs < 1e-4 || max_abs / min_abs > 1e3));
        if (any_finite) {
            std::size_t frac = 0;
            for (const T v : shown) {
                if (!std::isfinite(v)) continue;
                const decimal_text d = m_scientific ? scientific_text(v, m_precision) : positional_text(v, m_precision);
                m_pad_left = std::max(m_pad_left, d.integer.size() + (d.negative ? 1 : 0));
                frac = std::max(frac, d.fraction.size());
                if (m_scientific) m_exp_digits = std::max(m_exp_digits, exponent_digits(d.exponent));
            }
            if (m_scientific) {
                m_precision = static_cast<int>(frac);
                m_pad_right = m_exp_digits + 2 + frac;  // e, sign, digits, fraction
            } else {
                m_pad_right = frac;
            }
        }
        if (any_nan || any_inf) {
            const std::size_t offset = m_pad_right + 1;
            const std::size_t widest = std::max<std::size_t>(any_nan ? 3 : 0, any_inf ? 3 + (neg_inf ? 1 : 0) : 0);
            if (widest > offset) m_pad_left = std::max(m_pad_left, widest - offset);
        }
    }

    /// The padded text of `v`.
    std::string operator()(T v) const {
        const std::size_t width = m_pad_left + m_pad_right + 1;
        if (!std::isfinite(v)) {
            const std::string s = std::isnan(v) ? "nan" : (v < 0 ? "-inf" : "inf");
            return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
        }
        const decimal_text d = m_scientific ? scientific_text(v, m_precision) : positional_text(v, m_precision);
        std::string head = (d.negative ? "-" : "") + d.integer;
        std::string out(m_pad_left > head.size() ? m_pad_left - head.size() : 0, ' ');
        out += head;
        out += '.';
        out += d.fraction;
        if (m_scientific) {
            out.append(static_cast<std::size_t>(m_precision) - d.fraction.size(), '0');
            const std::string exp = std::to_string(std::abs(d.exponent));
            out += 'e';
            out += d.exponent < 0 ? '-' : '+';
            out.append(m_exp_digits > exp.size() ? m_exp_digits - exp.size() : 0, '0');
            out += exp;
        } else {
            out.append(m_pad_right - d.fraction.size(), ' ');
        }
        return out;
    }

private:
    /// Digits of an exponent as NumPy prints it: at least two.
    static std::size_t exponent_digits(int e) { return std::max<std::size_t>(2, std::to_string(std::abs(e)).size()); }

    int m_precision;
    bool m_scientific = false;
    std::size_t m_pad_left = 0;
    std::size_t m_pad_right = 0;
    std::size_t m_exp_digits = 2;
};

}  // namespace tmath::detail
