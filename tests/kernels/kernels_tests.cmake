# Tests of tmath::kernels (TMATH_TEST_KERNELS=ON, which needs TMATH_BUILD_KERNELS=ON):
# - tmath_tests links the component, so every test runs on the tier chosen for this
#   processor (the entries catch_discover_tests adds);
# - kernels_tier_<tier>: the kernel-relevant tests ([gemm], [matmul], [dot], [reduce],
#   [emath], [softmax], [kernels]) with TMATH_ARCH=<tier>, for each tier the component has; a tier the
#   processor lacks is skipped with a message; the [kernels] digest must be the same in
#   two runs of the tier;
# - kernels_symbols_<tier>: no weak symbol of an AVX2 or AVX-512 tier object can stand
#   in for a caller outside the tier (check_tier_symbols.cmake);
# - kernels_consumer: a project built with no -march flag that links tmath::kernels, with
#   tmath vendored (add_subdirectory);
# - kernels_install, kernels_find_package, kernels_pkg_config: tmath installed with the
#   component, and the same project through find_package and through pkg-config.
if(NOT TARGET tmath::kernels)
  message(FATAL_ERROR "TMATH_TEST_KERNELS=ON needs TMATH_BUILD_KERNELS=ON")
endif()
target_link_libraries(tmath_tests PRIVATE tmath::kernels)

add_executable(tmath_kernels_probe ${CMAKE_CURRENT_LIST_DIR}/probe.cpp)
target_link_libraries(tmath_kernels_probe PRIVATE tmath::kernels)

string(REPLACE ";" "|" tmath_tiers "${TMATH_KERNEL_TIERS}")
string(REPLACE ";" "|" tmath_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
foreach(tier IN LISTS TMATH_KERNEL_TIERS)
  add_test(NAME kernels_tier_${tier}
           COMMAND ${CMAKE_COMMAND} -DTIER=${tier} "-DTIERS=${tmath_tiers}"
                   -DPROBE=$<TARGET_FILE:tmath_kernels_probe> -DTESTS=$<TARGET_FILE:tmath_tests>
                   "-DTAGS=[gemm],[matmul],[dot],[reduce],[emath],[softmax],[kernels]"
                   -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/kernels_${tier} "-DEMULATOR=${tmath_emulator}"
                   -P ${CMAKE_CURRENT_LIST_DIR}/run_tier.cmake)
  set_tests_properties(kernels_tier_${tier} PROPERTIES LABELS kernels SKIP_REGULAR_EXPRESSION "SKIP: " TIMEOUT 1800)
  if(tier MATCHES "^(avx2|avx512)$")
    add_test(NAME kernels_symbols_${tier}
             COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DTIER=${tier}
                     "-DOBJECT=$<TARGET_OBJECTS:tmath_kernels_${tier}>"
                     -P ${CMAKE_CURRENT_LIST_DIR}/check_tier_symbols.cmake)
    set_tests_properties(kernels_symbols_${tier} PROPERTIES LABELS kernels)
  endif()
endforeach()

# (A cross build would have to hand its toolchain and emulator to the consumer's build.)
if(CMAKE_CROSSCOMPILING)
  message(STATUS "tmath kernels tests: cross-compiling, no consumer tests (kernels_consumer, kernels_install, ...)")
  return()
endif()
set(tmath_kernels_consumer_args
  -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}
  -DCXX=${CMAKE_CXX_COMPILER} -DGENERATOR=${CMAKE_GENERATOR} -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
  -DXSIMD_DIR=${xsimd_DIR} -DXTL_DIR=${xtl_DIR})
add_test(NAME kernels_consumer
         COMMAND ${CMAKE_COMMAND} -DSTEP=add_subdirectory ${tmath_kernels_consumer_args} "-DTIERS=${tmath_tiers}"
                 -P ${CMAKE_CURRENT_LIST_DIR}/consumer/run_consumer.cmake)
set_tests_properties(kernels_consumer PROPERTIES LABELS "kernels;consumer" TIMEOUT 900 RESOURCE_LOCK tmath_consumer)

# The package installed with the component: tmath::kernels through find_package and
# tmath-kernels.pc through pkg-config (kernels_install builds and installs it first).
string(REPLACE ";" "|" tmath_prefix_path "${CMAKE_PREFIX_PATH}")
find_program(TMATH_PKG_CONFIG NAMES pkg-config pkgconf)
foreach(step install find_package pkg_config)
  add_test(NAME kernels_${step}
           COMMAND ${CMAKE_COMMAND} -DSTEP=${step} ${tmath_kernels_consumer_args} "-DPREFIX_PATH=${tmath_prefix_path}"
                   -DPKG_CONFIG=${TMATH_PKG_CONFIG} -P ${CMAKE_CURRENT_LIST_DIR}/consumer/run_consumer.cmake)
  set_tests_properties(kernels_${step} PROPERTIES LABELS "kernels;consumer" TIMEOUT 900
                       RESOURCE_LOCK tmath_consumer SKIP_REGULAR_EXPRESSION "SKIP: ")
endforeach()
set_tests_properties(kernels_install PROPERTIES FIXTURES_SETUP tmath_kernels_installed)
set_tests_properties(kernels_find_package kernels_pkg_config PROPERTIES FIXTURES_REQUIRED tmath_kernels_installed)
if(NOT TMATH_PKG_CONFIG)
  set_tests_properties(kernels_pkg_config PROPERTIES DISABLED TRUE)
  message(STATUS "tmath kernels tests: pkg-config not found, kernels_pkg_config is disabled")
endif()
