# tmath::kernels, the optional compiled component (option TMATH_BUILD_KERNELS): the
# kernels of include/tmath/kernels/table.hpp compiled once per instruction-set tier from
# src/kernels/tier.cpp, and src/kernels/dispatch.cpp, which picks one tier at run time.
# Its users get the compile definition TMATH_KERNELS: their float and double GEMM,
# contiguous dot and contiguous sum call the component instead of instantiating the
# kernels (include/tmath/kernels/calls.hpp).
#
# Each tier's object defines TMATH_ABI_NAMESPACE=kernels_<tier>, so no symbol it emits
# can stand in for user code's or another tier's (config.hpp). The tier flags start
# from the baseline (-march=x86-64), so that flags in CMAKE_CXX_FLAGS such as
# -march=native cannot raise the lower tiers.

add_library(tmath_kernels STATIC ${PROJECT_SOURCE_DIR}/src/kernels/dispatch.cpp)
add_library(tmath::kernels ALIAS tmath_kernels)
set_target_properties(tmath_kernels PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME kernels)
target_link_libraries(tmath_kernels PUBLIC tmath)
target_compile_definitions(tmath_kernels INTERFACE TMATH_KERNELS)
target_compile_features(tmath_kernels PUBLIC cxx_std_20)

# The tiers of the target processor.
set(tmath_kernel_tiers)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$"
   AND CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(tmath_kernel_tiers sse2 avx2 avx512)
  set(tmath_kernels_flags_sse2 -march=x86-64)
  set(tmath_kernels_flags_avx2 -march=x86-64 -mavx2 -mfma)
  # (CD too: xsimd 14 requires it beside DQ; every processor with F, BW, DQ and VL has it.)
  set(tmath_kernels_flags_avx512 -march=x86-64 -mavx2 -mfma -mavx512f -mavx512cd -mavx512bw -mavx512dq -mavx512vl)
  target_compile_definitions(tmath_kernels PRIVATE TMATH_KERNELS_X86)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(tmath_kernel_tiers neon)  # NEON is part of AArch64: no flags
  set(tmath_kernels_flags_neon)
  target_compile_definitions(tmath_kernels PRIVATE TMATH_KERNELS_NEON)
else()
  set(tmath_kernel_tiers generic)  # the instruction set the compiler targets by default
  set(tmath_kernels_flags_generic)
endif()

set(TMATH_KERNEL_TIERS ${tmath_kernel_tiers})  # read by the tests (tests/kernels/kernels_tests.cmake)
foreach(tier IN LISTS tmath_kernel_tiers)
  add_library(tmath_kernels_${tier} OBJECT ${PROJECT_SOURCE_DIR}/src/kernels/tier.cpp)
  set_target_properties(tmath_kernels_${tier} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(tmath_kernels_${tier} PRIVATE tmath)
  target_compile_features(tmath_kernels_${tier} PRIVATE cxx_std_20)
  target_compile_definitions(tmath_kernels_${tier} PRIVATE TMATH_KERNELS_TIER=${tier}
                             TMATH_ABI_NAMESPACE=kernels_${tier})
  target_compile_options(tmath_kernels_${tier} PRIVATE ${tmath_kernels_flags_${tier}})
  # Optimized in every configuration: unoptimized, the tier's objects would define the
  # std:: and xsimd helpers they call (std::fill, std::min, xsimd's store_unaligned on
  # AVX2 batches in the AVX-512 tier, ...) as weak symbols compiled with the tier's
  # instructions, which the linker may keep for every other caller of the same helper.
  # tests/kernels/check_tier_symbols.cmake checks that none is left.
  target_compile_options(tmath_kernels_${tier} PRIVATE $<$<NOT:$<CONFIG:Release,RelWithDebInfo>>:-O2>)
  target_compile_options(tmath_kernels_${tier} PRIVATE ${TMATH_WARNING_FLAGS})  # tmath's own builds only
  target_sources(tmath_kernels PRIVATE $<TARGET_OBJECTS:tmath_kernels_${tier}>)
endforeach()
target_compile_options(tmath_kernels PRIVATE ${TMATH_WARNING_FLAGS})
message(STATUS "tmath::kernels: tiers ${tmath_kernel_tiers}")
