# Tests of tmath::kernels (TMATH_TEST_KERNELS=ON, which needs TMATH_BUILD_KERNELS=ON):
# - tmath_tests links the component, so every test runs on the tier chosen for this
#   processor (the entries catch_discover_tests adds);
# - kernels_tier_<tier>: the kernel-relevant tests ([gemm], [matmul], [dot], [reduce],
#   [kernels]) with TMATH_ARCH=<tier>, for each tier the component has; a tier the
#   processor lacks is skipped with a message; the [kernels] digest must be the same in
#   two runs of the tier;
# - kernels_symbols_<tier>: no weak symbol of an AVX2 or AVX-512 tier object can stand
#   in for a caller outside the tier (check_tier_symbols.cmake);
# - kernels_consumer: a project built with no -march flag that links tmath::kernels.
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
                   "-DTAGS=[gemm],[matmul],[dot],[reduce],[kernels]"
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
  message(STATUS "tmath kernels tests: cross-compiling, no kernels_consumer test")
  return()
endif()
add_test(NAME kernels_consumer
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}
                 -DCXX=${CMAKE_CXX_COMPILER} -DGENERATOR=${CMAKE_GENERATOR} -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
                 -DXSIMD_DIR=${xsimd_DIR} -DXTL_DIR=${xtl_DIR} "-DTIERS=${tmath_tiers}"
                 -P ${CMAKE_CURRENT_LIST_DIR}/consumer/run_consumer.cmake)
set_tests_properties(kernels_consumer PROPERTIES LABELS "kernels;consumer" TIMEOUT 900 RESOURCE_LOCK tmath_consumer)
