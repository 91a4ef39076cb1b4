#pragma once
/// @file range_access.hpp
/// What tmath's headers use of <ranges>: the range concepts (`std::ranges::input_range`,
/// `sized_range`, `contiguous_range`), `std::ranges::range_value_t` and the access
/// customization points (`begin`, `end`, `size`, `data`). libstdc++ declares them in a
/// header of their own, which this includes instead of <ranges> and its views and
/// adaptors, which every translation unit would otherwise parse; any other standard
/// library gets <ranges>.

#include <span>
#if defined(__GLIBCXX__) && __has_include(<bits/ranges_base.h>)
#include <bits/ranges_base.h>
#else
#include <ranges>
#endif
