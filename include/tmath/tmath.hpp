#pragma once
/// @file tmath.hpp
/// Umbrella header: everything tmath offers.

#include "tmath/config.hpp"
#include "tmath/version.hpp"
#include "tmath/containers/factories.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/expr/compare.hpp"
#include "tmath/expr/math.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/io/allclose.hpp"
#include "tmath/io/print.hpp"
#include "tmath/linalg/dot.hpp"
#include "tmath/linalg/product.hpp"
#include "tmath/reduce/reductions.hpp"
#include "tmath/reduce/softmax.hpp"
